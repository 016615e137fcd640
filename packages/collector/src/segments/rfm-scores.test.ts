import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RF_GRID, rfmGroup, type RfmGroup } from './rfm-groups.js';
import { quintileScores, rfmScores } from './rfm-scores.js';

describe('quintileScores', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]],
    [[10, 1, 5], [5, 1, 3]],
    [[0, 0, 0, 0, 7], [3, 3, 3, 3, 5]],
    [[3], [3]],
  ])('%j → %j', (values, scores) => expect(quintileScores(values)).toEqual(scores));

  const valuesArb = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 60 });
  it('gives identical values the same score, whatever the input order', () =>
    fc.assert(
      fc.property(valuesArb, fc.nat(), (values, seed) => {
        const scores = quintileScores(values);
        const byValue = new Map<number, number>();
        values.forEach((v, i) => {
          const seen = byValue.get(v);
          if (seen === undefined) byValue.set(v, scores[i]!);
          else expect(scores[i]).toBe(seen);
        });
        const order = values.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 997) - ((b * 7919 + seed) % 997));
        const shuffled = quintileScores(order.map((i) => values[i]!));
        order.forEach((i, k) => expect(shuffled[k]).toBe(scores[i]));
      }),
    ));
  it('is monotone: a larger value never scores lower', () =>
    fc.assert(
      fc.property(valuesArb, (values) => {
        const s = quintileScores(values);
        values.forEach((v, i) => values.forEach((w, j) => v < w && expect(s[i]).toBeLessThanOrEqual(s[j]!)));
      }),
    ));
  it('splits distinct values into five equal bins', () =>
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { minLength: 5, maxLength: 50 }).filter((v) => v.length % 5 == 0), (values) => {
        const s = quintileScores(values);
        for (let k = 1; k <= 5; k++) expect(s.filter((x) => x == k).length).toBe(values.length / 5);
      }),
    ));
});

describe('rfmScores and groups', () => {
  it('scores recency reversed (recent = 5) and names the R×F group', () => {
    const customers = [
      { recency: 1, frequency: 20, monetary: 500 },
      { recency: 90, frequency: 1, monetary: 10 },
      { recency: 2, frequency: 1, monetary: 15 },
      { recency: 80, frequency: 18, monetary: 400 },
      { recency: 40, frequency: 5, monetary: 60 },
    ];
    expect(rfmScores(customers).map((s) => [s.r, s.f, s.group])).toEqual([
      [5, 5, 'champions'], [1, 2, 'hibernating'], [4, 2, 'potential loyalists'], [2, 4, 'at risk'], [3, 3, 'need attention'],
    ]);
  });
  it('treats a customer with no purchase as the worst on every axis', () => {
    const s = rfmScores([{ recency: Infinity, frequency: NaN, monetary: 0 }, { recency: 3, frequency: 2, monetary: 9 }]);
    expect(s[0]).toMatchObject({ r: 2, f: 2, m: 2 });
  });
  it('the R×F grid is a partition: every one of the 25 cells is in exactly one group', () => {
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++) expect(RF_GRID.filter(([, r0, r1, f0, f1]) => r >= r0 && r <= r1 && f >= f0 && f <= f1).length).toBe(1);
  });
  it('the R×FM table names all 125 cells and reaches all ten groups, in its documented order', () => {
    const seen = new Map<RfmGroup, number>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) {
      const g = rfmGroup(r, f, m, 'rfm');
      seen.set(g, (seen.get(g) ?? 0) + 1);
    }
    expect(seen.has('others')).toBe(false);
    expect(seen.size).toBe(10);
    expect([rfmGroup(5, 1, 1, 'rfm'), rfmGroup(1, 5, 4, 'rfm'), rfmGroup(1, 1, 1, 'rfm'), rfmGroup(3, 1, 1, 'rfm')]).toEqual(['new customers', "can't lose them", 'hibernating', 'promising']);
  });
});

describe('rfmInputFromFacts', () => {
  it('reads days since the last purchase, distinct purchase days and revenue', async () => {
    const { DAY_MS, emptyFacts, reduceEvents } = await import('@waymark/core');
    const { rfmInputFromFacts } = await import('./rfm-input-from-facts.js');
    const T0 = Date.UTC(2026, 3, 1, 8);
    const ev = (d: number, event: string, amount: number) => ({ type: 'track' as const, event, messageId: `m${d}${event}`, userId: 'u', timestamp: new Date(T0 + d * DAY_MS).toISOString(), properties: { amount } });
    const f = reduceEvents(emptyFacts(), [ev(0, 'Order Completed', 10), ev(3, 'Order Completed', 5), ev(3.1, 'Order Completed', 1), ev(6, 'Viewed', 0)], { revenueProperties: ['amount'] });
    expect(rfmInputFromFacts(f, T0 + 10 * DAY_MS)).toEqual({ recency: 7, frequency: 2, monetary: 16 });
    expect(rfmInputFromFacts(f, T0 + 10 * DAY_MS, { frequency: 'purchases', recencyFrom: 'activity' })).toEqual({ recency: 4, frequency: 3, monetary: 16 });
    expect(rfmInputFromFacts(emptyFacts(), T0)).toEqual({ recency: Infinity, frequency: 0, monetary: 0 });
  });
});
