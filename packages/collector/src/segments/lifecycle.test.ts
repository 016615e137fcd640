import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldActivity, type ActivityEvent, type UserActivity } from './activity.js';
import { lifecycleCounts } from './lifecycle.js';
import { dayOfIso, localDayOf, periodOf, type Interval } from './local-day.js';
import { eventsArb, shuffled, splitAt } from './population.fixture.js';

const day = (iso: string) => dayOfIso(iso)!;

/** PostHog's definitions applied literally: for each period and user, look at the raw events. */
function fromDefinition(events: readonly ActivityEvent[], interval: Interval, tz: string, from: number, to: number) {
  const dayOf = localDayOf(tz);
  const users = new Map<string, ActivityEvent[]>();
  for (const e of events) users.set(e.key, [...(users.get(e.key) ?? []), e]);
  const out = { new: [] as number[], returning: [] as number[], resurrecting: [] as number[], dormant: [] as number[] };
  for (let p = from; p <= to; p++) {
    let n = 0, ret = 0, res = 0, dor = 0;
    for (const list of users.values()) {
      const created = Math.min(...list.map((e) => periodOf(dayOf(e.timestampMs), interval)));
      const activeIn = (q: number) => list.some((e) => e.active && periodOf(dayOf(e.timestampMs), interval) === q);
      if (activeIn(p)) {
        if (created === p) n++;
        else if (activeIn(p - 1)) ret++;
        else res++;
      } else if (activeIn(p - 1)) dor++;
    }
    out.new.push(n), out.returning.push(ret), out.resurrecting.push(res), out.dormant.push(dor);
  }
  return out;
}

const users = (list: Array<[string, ...string[]]>): UserActivity[] => list.map(([first, ...days]) => ({ first: day(first), days: days.map(day) }));

describe('lifecycleCounts', () => {
  it('classifies each period by PostHog rules (table)', () => {
    const population = users([
      ['2026-01-05', '2026-01-05', '2026-01-06', '2026-01-08'], // new Mon, returning Tue, dormant Wed, resurrecting Thu, dormant Fri
      ['2026-01-04', '2026-01-06'], // created Sunday without activity: resurrecting on its first activity, not new
      ['2026-01-07', '2026-01-07', '2026-01-08', '2026-01-09'], // new Wed, returning Thu and Fri
    ]);
    const c = lifecycleCounts(population, 'day', day('2026-01-05'), day('2026-01-10'));
    expect(c).toEqual({
      interval: 'day', from: day('2026-01-05'),
      new: [1, 0, 1, 0, 0, 0], returning: [0, 1, 0, 1, 1, 0], resurrecting: [0, 1, 0, 1, 0, 0], dormant: [0, 0, 2, 0, 1, 1],
    });
    // Weekly: the week of 5 Jan has all three active; user 2 was created the week before (Sunday 4 Jan): resurrecting.
    const w = lifecycleCounts(population, 'week', periodOf(day('2026-01-05'), 'week'), periodOf(day('2026-01-12'), 'week'));
    expect(w).toMatchObject({ new: [2, 0], returning: [0, 0], resurrecting: [1, 0], dormant: [0, 3] });
  });

  it.each([
    ['day', 'UTC'], ['week', 'UTC'], ['month', 'UTC'], ['day', 'America/New_York'], ['week', 'Asia/Kolkata'],
  ] as const)('per %s in %s: matches the definition for any event order and batch split', (interval, tz) => {
    const dayOf = localDayOf(tz);
    const from = periodOf(day('2025-12-25'), interval);
    const to = periodOf(day('2026-05-10'), interval);
    fc.assert(
      fc.property(eventsArb, fc.array(fc.nat(), { maxLength: 150 }), fc.array(fc.nat(), { maxLength: 6 }), (events, swaps, cuts) => {
        const state = new Map<string, UserActivity>();
        for (const batch of splitAt(shuffled(events, swaps), cuts)) foldActivity(state, batch, dayOf);
        const { interval: _, from: __, ...counts } = lifecycleCounts(state.values(), interval, from, to);
        expect(counts).toEqual(fromDefinition(events, interval, tz, from, to));
      }),
      { numRuns: 60 },
    );
  });

  it('folds an anonymous history into the user it is linked to', () => {
    const state = new Map<string, UserActivity>();
    const dayOf = localDayOf('UTC');
    foldActivity(state, [{ key: 'a:x', timestampMs: Date.UTC(2026, 0, 1), active: true }], dayOf);
    foldActivity(state, [{ key: 'u:1', anonymousId: 'x', timestampMs: Date.UTC(2026, 0, 3), active: true }], dayOf);
    expect([...state]).toEqual([['u:1', { first: day('2026-01-01'), days: [day('2026-01-01'), day('2026-01-03')] }]]);
  });
});
