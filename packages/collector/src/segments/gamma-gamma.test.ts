import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedSpend, fitGammaGamma } from './gamma-gamma.js';
import { ModelFitError } from './model-fit-error.js';
import { gammaSample, mulberry32 } from './simulate-bgnbd.fixture.js';

/** CDNOW: x and zbar (mean repeat spend) per customer. */
const CDNOW = readFileSync(new URL('../../../../../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv', import.meta.url), 'utf8')
  .trim().split('\n').slice(1).map((l) => l.split(',').map(Number)).map(([, x, , , zbar]) => ({ x: x!, mean: zbar! }));

describe('fitGammaGamma', () => {
  const fit = fitGammaGamma(CDNOW);
  it('reproduces p, q, γ = 6.25, 3.74, 15.44 on the 946 CDNOW repeat buyers', () => {
    expect(fit.customers).toBe(946);
    expect(Math.abs(fit.p - 6.25)).toBeLessThan(0.01);
    expect(Math.abs(fit.q - 3.74)).toBeLessThan(0.01);
    expect(Math.abs(fit.gamma - 15.44)).toBeLessThan(0.01);
    expect(fit.logLikelihood).toBeCloseTo(-4055.92, 1);
  });
  it('gives Hardie’s conditional expected spend for the first 10 customers (±0.1)', () => {
    const want = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    CDNOW.slice(0, 10).forEach((c, i) => expect(Math.abs(expectedSpend(fit, c) - want[i]!)).toBeLessThan(0.1));
  });
  it('recovers known parameters from generated spend within 15%', () => {
    const u = mulberry32(9);
    const truth = { p: 4, q: 3, gamma: 20 };
    const data = Array.from({ length: 4000 }, () => {
      const x = 1 + Math.floor(u() * 8);
      const nu = gammaSample(u, truth.q, truth.gamma);
      let sum = 0;
      for (let i = 0; i < x; i++) sum += gammaSample(u, truth.p, nu);
      return { x, mean: sum / x };
    });
    const f = fitGammaGamma(data);
    for (const k of ['p', 'q', 'gamma'] as const) expect(Math.abs(f[k] / truth[k] - 1)).toBeLessThan(0.15);
  });
  it.each([
    ['no repeat buyers', [{ x: 0, mean: 0 }], 'no-repeat-buyers'],
    ['one repeat buyer', [{ x: 2, mean: 10 }, { x: 0, mean: 0 }], 'no-repeat-buyers'],
    ['everyone spends the same', [{ x: 2, mean: 10 }, { x: 3, mean: 10 }, { x: 1, mean: 10 }], 'not-identified'],
  ])('%s: a ModelFitError', (_, data, reason) => {
    expect(() => fitGammaGamma(data)).toThrow(ModelFitError);
    try {
      fitGammaGamma(data);
    } catch (e) {
      expect((e as ModelFitError).reason).toBe(reason);
    }
  });
  it('falls back to the population mean for a customer with no repeat purchase', () => {
    expect(expectedSpend(fit, { x: 0, mean: 0 })).toBeCloseTo((fit.gamma * fit.p) / (fit.q - 1), 8);
  });
});
