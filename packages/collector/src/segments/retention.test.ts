import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldActivity, type ActivityEvent, type UserActivity } from './activity.js';
import { dayOfIso, localDayOf, periodOf, type Interval } from './local-day.js';
import { eventsArb, shuffled, splitAt } from './population.fixture.js';
import { retentionCohorts, weightedRates } from './retention.js';

const day = (iso: string) => dayOfIso(iso)!;

function fromDefinition(events: readonly ActivityEvent[], interval: Interval, from: number, to: number, periods: number) {
  const dayOf = localDayOf('UTC');
  const byUser = new Map<string, ActivityEvent[]>();
  for (const e of events) byUser.set(e.key, [...(byUser.get(e.key) ?? []), e]);
  const out = [];
  for (let c = from; c <= to; c++) {
    const members = [...byUser.values()].filter((l) => Math.min(...l.map((e) => periodOf(dayOf(e.timestampMs), interval))) === c);
    const activeIn = (l: ActivityEvent[], q: number) => l.some((e) => e.active && periodOf(dayOf(e.timestampMs), interval) === q);
    const len = Math.min(periods, to - c + 1);
    const bounded = Array.from({ length: len }, (_, i) => (i === 0 ? members.length : members.filter((l) => activeIn(l, c + i)).length));
    const unbounded = Array.from({ length: len }, (_, i) =>
      i === 0 ? members.length : members.filter((l) => l.some((e) => e.active && periodOf(dayOf(e.timestampMs), interval) >= c + i)).length);
    out.push({ period: c, size: members.length, bounded, unbounded });
  }
  return out;
}

describe('retentionCohorts', () => {
  it('counts bounded and unbounded returns per cohort (table)', () => {
    const w = (iso: string) => periodOf(day(iso), 'week');
    const users: UserActivity[] = [
      { first: day('2026-01-05'), days: [day('2026-01-05'), day('2026-01-13'), day('2026-01-28')] }, // weeks 0, 1, 3
      { first: day('2026-01-06'), days: [day('2026-01-21')] }, // week 2 only
      { first: day('2026-01-12'), days: [day('2026-01-12'), day('2026-01-19')] }, // cohort of 12 Jan: weeks 0, 1
    ];
    const cohorts = retentionCohorts(users, 'week', w('2026-01-05'), w('2026-01-26'), 12);
    expect(cohorts[0]).toEqual({ period: w('2026-01-05'), size: 2, bounded: [2, 1, 1, 1], unbounded: [2, 2, 2, 1] });
    expect(cohorts[1]).toEqual({ period: w('2026-01-12'), size: 1, bounded: [1, 1, 0], unbounded: [1, 1, 0] });
    expect(weightedRates(cohorts, (c) => c.bounded)).toEqual([1, 2 / 3, 1 / 3, 0.5]);
  });

  it.each(['week', 'month'] as const)('per %s: matches the definition for any event order and batch split', (interval) => {
    const from = periodOf(day('2026-01-01'), interval);
    const to = periodOf(day('2026-05-10'), interval);
    fc.assert(
      fc.property(eventsArb, fc.array(fc.nat(), { maxLength: 150 }), fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 1, max: 8 }), (events, swaps, cuts, periods) => {
        const state = new Map<string, UserActivity>();
        for (const batch of splitAt(shuffled(events, swaps), cuts)) foldActivity(state, batch, localDayOf('UTC'));
        expect(retentionCohorts(state.values(), interval, from, to, periods)).toEqual(fromDefinition(events, interval, from, to, periods));
      }),
      { numRuns: 60 },
    );
  });
});
