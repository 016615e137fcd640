import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../wire.js';
import { DAY_MS, emptyFacts } from '../facts/facts.js';
import { reduceEvents } from '../facts/reduce-facts.js';
import { DEFAULT_STATUS_RULES, evaluateStatus, medianGapDays, type Status, type StatusRules } from './evaluate-status.js';

const NOW = Date.UTC(2026, 5, 15, 12);
/** Facts of a user active on the given days ago (fractions allowed), with an optional churn signal. */
function user(daysAgo: number[], churnDaysAgo?: number) {
  const ev = (event: string, ago: number): WireEvent => ({
    type: 'track', event, messageId: `${event}${ago}`, timestamp: new Date(NOW - ago * DAY_MS).toISOString(), context: { streamId: 's' },
  });
  const events = daysAgo.map((d) => ev('Used App', d));
  if (churnDaysAgo !== undefined) events.push(ev('Unsubscribed', churnDaysAgo));
  return reduceEvents(emptyFacts(), events);
}
const range = (from: number, to: number, step = 1) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('evaluateStatus with the default rules', () => {
  it.each<[string, number[], number | undefined, Status, RegExp]>([
    ['nothing seen', [], undefined, 'new', /no events/],
    ['first seen today', [0.1], undefined, 'new', /first seen 0d ago/],
    ['first seen 6 days ago, active since', range(0.1, 6), undefined, 'new', /first seen 5d ago/],
    ['seen 8 days ago only once', [8], undefined, 'active', /last active 8d ago/],
    ['explicit churn signal after the last activity', [1.5, 3], 1, 'churned', /churn signal/],
    ['churn signal then new activity, long ago', [40, 0.5, 1, 2], 39, 'resurrected', /back 2d ago after 38d away/],
    ['churn signal then new activity', [10, 1, 0.5], 2, 'resurrected', /back 1d ago after churn signal/],
    ['silent 13.9 days', [13.9, 20, 30], undefined, 'active', /last active 13d/],
    ['silent 14 days', [14, 20, 30], undefined, 'dormant', /silent 14d ≥ 14d/],
    ['silent 29 days', [29, 40], undefined, 'dormant', /silent 29d ≥ 14d/],
    ['silent 30 days', [30, 40], undefined, 'churned', /silent 30d ≥ 30d/],
    ['churn signal even while new', [1], 0.5, 'churned', /churn signal/],
    ['daily user silent 4 days', range(4, 20), undefined, 'dormant', /silent 4d > 3× usual gap 1d/],
    ['daily user silent 2.5 days (below the 3-day floor)', range(2.5, 20), undefined, 'loyal', /active \d+ of last 28d/],
    ['weekly user silent 10 days', range(10, 80, 7), undefined, 'active', /last active 10d/],
    ['back 3 days ago after 20 days away', [...range(0.5, 3), ...range(23, 40)], undefined, 'resurrected', /back 2d ago after 2[01]d away/],
    ['back 15 days ago after 20 days away', [...range(0.5, 15), ...range(35, 50)], undefined, 'loyal', /active \d+ of last 28d/],
    ['active on 12 of the last 28 days', range(0.5, 23.5, 2), undefined, 'loyal', /active 12 of last 28d/],
    ['active on 11 of the last 28 days', [...range(0.5, 21.5, 2), 40], undefined, 'active', /last active 0d/],
  ])('%s → %s', (_, days, churn, status, reason) => {
    const r = evaluateStatus(user(days, churn), undefined, NOW);
    expect(r.status).toBe(status);
    expect(r.reason).toMatch(reason);
  });
});

describe('evaluateStatus with configured rules', () => {
  it.each<[Partial<StatusRules>, number[], Status]>([
    [{ dormantDays: 7 }, [8, 20], 'dormant'],
    [{ churnedDays: 10, dormantDays: 5 }, [11, 20], 'churned'],
    [{ newDays: 30 }, [10], 'new'],
    [{ newDays: 30 }, [20], 'dormant'],
    [{ cadenceMultiple: 10 }, range(4, 20), 'loyal'],
    [{ loyalMinActiveDays: 5, loyalWindowDays: 7 }, range(0.5, 5), 'new'],
    [{ loyalMinActiveDays: 5, loyalWindowDays: 7 }, [...range(0.5, 5), 9], 'loyal'],
    [{ resurrectedDays: 2 }, [...range(0.5, 3), ...range(23, 40)], 'active'],
  ])('%j, days %j → %s', (rules, days, status) => {
    expect(evaluateStatus(user(days), rules, NOW).status).toBe(status);
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_STATUS_RULES).toEqual({
      newDays: 7, dormantDays: 14, churnedDays: 30, cadenceMultiple: 3, cadenceMinActiveDays: 5, cadenceMinSilenceDays: 3,
      loyalMinActiveDays: 12, loyalWindowDays: 28, resurrectedDays: 14,
    });
  });
});

it.each([
  [[], undefined],
  [[5], undefined],
  [[1, 2, 3], 1],
  [[1, 2, 10], 4.5],
  [[0, 7, 14, 30], 7],
])('median gap of %j is %s days', (days, gap) => expect(medianGapDays(days)).toBe(gap));
