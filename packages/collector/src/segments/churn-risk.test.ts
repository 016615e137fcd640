import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { churnRisk, quantile } from './churn-risk.js';

const BTYD = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };
// Repeat buyers with mean gaps 1..10 weeks: median 5.5, 90th percentile 9.1 → one-time horizon 18.2.
const repeaters = Array.from({ length: 10 }, (_, i) => ({ x: 2, tx: 2 * (i + 1), T: 2 * (i + 1) + 1 }));

describe('churnRisk', () => {
  it.each([
    ['recent one-time buyer', { x: 0, tx: 0, T: 5 }, 'active'],
    ['one-time buyer silent > 2 × median gap', { x: 0, tx: 0, T: 12 }, 'at-risk'],
    ['one-time buyer beyond the population horizon', { x: 0, tx: 0, T: 19 }, 'churned'],
  ])('%s: the cadence rule decides (%j → %s)', (_, c, status) => {
    const r = churnRisk([...repeaters, c], { bgnbd: BTYD }).at(-1)!;
    expect(r).toMatchObject({ rule: 'cadence', status, pAlive: null, silence: c.T });
    expect(r.expectedPurchases).toBeGreaterThan(0);
  });

  it.each([
    ['frequent and recent', { x: 26, tx: 30.86, T: 31 }, 'active'],
    ['frequent, then silent', { x: 10, tx: 5, T: 39 }, 'churned'],
    ['a few, a while ago', { x: 2, tx: 10, T: 39 }, 'at-risk'],
  ])('%s: BG/NBD P(alive) decides', (_, c, status) => {
    const r = churnRisk([c], { bgnbd: BTYD })[0]!;
    expect(r.rule).toBe('bgnbd');
    expect(r.status).toBe(status);
    expect(r.pAlive).toBeGreaterThan(0);
  });

  it('uses the own cadence for repeat buyers when no model is fitted, and values customers with both models', () => {
    const [steady, lapsed] = churnRisk([{ x: 4, tx: 8, T: 9 }, { x: 4, tx: 8, T: 30 }], { populationHorizon: 10 });
    expect([steady!.rule, steady!.status, lapsed!.status]).toEqual(['cadence', 'active', 'churned']);
    const [v] = churnRisk([{ x: 3, tx: 20, T: 30, mean: 40 }], { bgnbd: BTYD, gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 }, horizon: 39 });
    expect(v!.expectedValue).toBeCloseTo(v!.expectedPurchases! * v!.expectedSpend!, 10);
  });

  it('says unknown for one-time buyers when nobody repeated and no horizon is given (never NaN)', () => {
    expect(churnRisk([{ x: 0, tx: 0, T: 3 }])[0]).toMatchObject({ rule: 'cadence', status: 'unknown', expectedPurchases: null });
  });

  it('on CDNOW, flags one-time buyers who mostly did not come back', () => {
    const rows = readFileSync(new URL('../../../../../shared/data/cdnow/cdnow_customers_summary.csv', import.meta.url), 'utf8')
      .trim().split('\n').slice(1).map((l) => l.split(',').map(Number)).map(([, x, tx, T]) => ({ x: x!, tx: tx!, T: T! }));
    const risk = churnRisk(rows, { bgnbd: BTYD });
    const once = risk.filter((_, i) => rows[i]!.x == 0);
    expect(once.every((r) => r.rule == 'cadence')).toBe(true);
    expect(once.filter((r) => r.status != 'active').length / once.length).toBeGreaterThan(0.8);
    expect(risk.filter((r) => r.rule == 'bgnbd').length).toBe(946);
  });

  it('quantile interpolates like R type 7', () => {
    expect([quantile([1, 2, 3, 4], 0.5), quantile([1, 2, 3, 4], 0.9), quantile([7], 0.9)]).toEqual([2.5, 3.7, 7]);
  });
});
