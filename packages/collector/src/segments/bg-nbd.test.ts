import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bgnbdExpectedInPeriod, bgnbdLogLikelihood, expectedPurchases, fitBgNbd, pAlive } from './bg-nbd.js';
import { ModelFitError } from './model-fit-error.js';
import { simulateBgNbd } from './simulate-bgnbd.fixture.js';

/** CDNOW calibration summary (lifetimes' 2-dp file): ID, x, t_x, T in weeks. */
const CDNOW = readFileSync(new URL('../../../../../shared/data/cdnow/cdnow_customers_summary.csv', import.meta.url), 'utf8')
  .trim().split('\n').slice(1).map((l) => l.split(',').map(Number)).map(([, x, tx, T]) => ({ x: x!, tx: tx!, T: T! }));
/** BTYD vignette's full-precision estimates. */
const BTYD = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };
const PAPER = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
/** lifetimes' fit on the 2-dp summary (the parameters behind its Hardie-sheet assertions). */
const LIFETIMES = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };

describe('fitBgNbd on CDNOW', () => {
  const fit = fitBgNbd(CDNOW);
  it('reproduces the published parameters (±0.001) and LL (±0.01 of the MLE on this file)', () => {
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fit[k] - PAPER[k])).toBeLessThan(0.001);
    // lifetimes' MLE on the same 2-dp file (segmentation.md §1.3): 0.2425929, 4.4135312, 0.7928863, 2.4257537.
    expect(fit.r).toBeCloseTo(0.2425929, 5);
    expect(fit.alpha).toBeCloseTo(4.4135312, 4);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4256, 2);
    expect(fit.converged).toBe(true);
  });
  it('scores the published parameters with the published LL (−9582.43 on the 2-dp file)', () => {
    expect(bgnbdLogLikelihood(PAPER, CDNOW)).toBeCloseTo(-9582.4268, 3);
  });
});

describe('BG/NBD predictions match BTYD and lifetimes', () => {
  it.each([
    // [x, t_x, T, t, P(alive), E[Y(t)]]; customer 1516 (BTYD vignette), customer 1 (lifetimes / Hardie sheet)
    [26, 30.85714, 31, 52, 0.9688523, 25.75659],
    [2, 30.43, 38.86, 39, 0.7266, 1.226],
  ])('x=%d t_x=%d T=%d, t=%d: P(alive) %d, E[Y] %d', (x, tx, T, t, alive, ey) => {
    expect(pAlive(BTYD, { x, tx, T })).toBeCloseTo(alive, 4);
    expect(Math.abs(expectedPurchases(BTYD, { x, tx, T }, t) - ey)).toBeLessThan(0.001);
  });
  it.each([
    [10, 0.3474606], [15, 0.04283391], [20, 0.004158973], [25, 0.0003583685],
  ])('the increasing-frequency paradox: x=%d, t_x=20, T=39 → E[Y(52)] %d', (x, ey) => {
    expect(expectedPurchases(BTYD, { x, tx: 20, T: 39 }, 52) / ey).toBeCloseTo(1, 4);
  });
  it('E[X(t)] for a new customer matches Hardie’s sheet and BTYD (t = 52 → 1.444004)', () => {
    const ts = [0.1429, 1, 3, 31.8571, 32, 78];
    const want = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    ts.forEach((t, i) => expect(Math.abs(bgnbdExpectedInPeriod(LIFETIMES, t) - want[i]!)).toBeLessThan(0.001));
    expect(bgnbdExpectedInPeriod(BTYD, 52)).toBeCloseTo(1.444004, 5);
  });
  it('P(alive) is 1 for a one-time buyer, whatever the silence', () => {
    expect(pAlive(BTYD, { x: 0, tx: 0, T: 1000 })).toBe(1);
  });
  it('stays finite for extreme histories', () => {
    const c = { x: 500, tx: 1, T: 5000 };
    expect(pAlive(BTYD, c)).toBe(0);
    expect(expectedPurchases(BTYD, c, 1e4)).toBe(0);
    expect(Number.isFinite(expectedPurchases(BTYD, { x: 400, tx: 99, T: 100 }, 5000))).toBe(true);
  });
});

describe('fitBgNbd on data drawn from known parameters', () => {
  it.each([
    [{ r: 0.5, alpha: 5, a: 0.8, b: 2.5 }, 1],
    [{ r: 2, alpha: 20, a: 1.5, b: 6 }, 2],
  ])('recovers %j within 20% (6,000 customers)', (truth, seed) => {
    const fit = fitBgNbd(simulateBgNbd(truth, 6000, seed));
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fit[k] / truth[k] - 1)).toBeLessThan(0.2);
  });
  it('fits a large population on an evenly spaced sample, reporting the LL of everyone', () => {
    const many = simulateBgNbd(PAPER, 8000, 4);
    const [full, sampled] = [fitBgNbd(many), fitBgNbd(many, { sampleSize: 4000 })];
    expect(Math.abs(sampled.r / full.r - 1)).toBeLessThan(0.2);
    expect(sampled.logLikelihood).toBeCloseTo(bgnbdLogLikelihood(sampled, many), 6);
    expect(sampled.logLikelihood).toBeLessThanOrEqual(full.logLikelihood);
  });
  it('gives the same fit in days as in weeks, α scaled by 7', () => {
    const weeks = simulateBgNbd(PAPER, 1500, 3);
    const [w, d] = [fitBgNbd(weeks), fitBgNbd(weeks.map((c) => ({ x: c.x, tx: c.tx * 7, T: c.T * 7 })))];
    expect(d.r).toBeCloseTo(w.r, 4);
    expect(d.alpha / 7).toBeCloseTo(w.alpha, 3);
  });
});

describe('fitBgNbd on degenerate data', () => {
  it.each([
    ['no customers', [], 'no-customers'],
    ['nobody repeats', [{ x: 0, tx: 0, T: 10 }, { x: 0, tx: 0, T: 3 }], 'no-repeat-buyers'],
    ['everyone on one day', [{ x: 0, tx: 0, T: 0 }, { x: 0, tx: 0, T: 0 }], 'no-repeat-buyers'],
    ['t_x beyond T', [{ x: 1, tx: 5, T: 4 }], 'invalid-input'],
    ['a NaN', [{ x: 1, tx: NaN, T: 4 }], 'invalid-input'],
    ['one customer', [{ x: 3, tx: 8, T: 10 }], 'not-identified'],
  ])('%s: a ModelFitError, never NaN', (_, customers, reason) => {
    let error: unknown;
    try {
      fitBgNbd(customers);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelFitError);
    expect((error as ModelFitError).reason).toBe(reason);
  });
});
