/** Gamma-Gamma spend model (Fader & Hardie 2013, note 025): fit and conditional expected spend per purchase. */
import { lnGamma } from './ln-gamma.js';
import { assertIdentified, LOG_PARAM_BOUND, ModelFitError } from './model-fit-error.js';
import { nelderMead } from './nelder-mead.js';

/** A repeat buyer's spend: x repeat purchases with mean value `mean` (the first purchase excluded). */
export interface SpendHistory {
  x: number;
  mean: number;
}

/** Gamma-Gamma parameters: spend per purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** A fitted Gamma-Gamma model. */
export interface GammaGammaFit extends GammaGammaParams {
  /** Σ ln f(m_x | x) over the repeat buyers used. */
  logLikelihood: number;
  /** Repeat buyers used (x > 0 and mean > 0). */
  customers: number;
  iterations: number;
  converged: boolean;
}

/** Options of `fitGammaGamma`. */
export interface FitGammaGammaOptions {
  /** Repeat buyers above which the parameters are estimated on an evenly spaced sample of this size. @default 100000 */
  sampleSize?: number;
}

/** Σ over customers of ln f(m_x | p, q, γ, x) (segmentation.md §1.6). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, customers: readonly SpendHistory[]): number {
  return createGammaGammaObjective(customers)(params);
}

/**
 * The log-likelihood as a function of the parameters, with what does not depend on them (ln m, ln x) computed
 * once and the lnΓ terms once per distinct x per evaluation: one logarithm per customer per evaluation.
 */
function createGammaGammaObjective(customers: readonly SpendHistory[]): (p: GammaGammaParams) => number {
  const x = Float64Array.from(customers, (c) => c.x);
  const m = Float64Array.from(customers, (c) => c.mean);
  const lnM = m.map(Math.log);
  const lnX = x.map(Math.log);
  return ({ p, q, gamma }) => {
    const byX = new Map<number, number>();
    const lnGammaQ = lnGamma(q);
    const lnG = Math.log(gamma);
    let ll = 0;
    for (let i = 0; i < x.length; i++) {
      const px = p * x[i]!;
      let lx = byX.get(x[i]!);
      if (lx === undefined) byX.set(x[i]!, (lx = lnGamma(px + q) - lnGamma(px) - lnGammaQ));
      ll += lx + q * lnG + (px - 1) * lnM[i]! + px * lnX[i]! - (px + q) * Math.log(gamma + x[i]! * m[i]!);
    }
    return ll;
  };
}

/**
 * Fits Gamma-Gamma by maximum likelihood on the customers with x > 0 and a positive mean (others are
 * skipped, as the model is defined for repeat buyers only). Spend is rescaled so the largest mean is 1
 * during the search. Throws `ModelFitError` with fewer than 2 usable customers or when a parameter
 * runs to 0 or ∞ (e.g. every customer has the same mean). Above `options.sampleSize` (default 100,000) repeat
 * buyers the parameters come from an evenly spaced sample; `logLikelihood` is over all of them.
 */
export function fitGammaGamma(customers: readonly SpendHistory[], options: FitGammaGammaOptions = {}): GammaGammaFit {
  const used = customers.filter((c) => c.x > 0 && c.mean > 0 && Number.isFinite(c.mean));
  if (used.length < 2) throw new ModelFitError('no-repeat-buyers', `Gamma-Gamma: needs at least 2 repeat buyers with spend, got ${used.length}`);
  const scale = used.reduce((max, c) => Math.max(max, c.mean), 0);
  const size = Math.max(2, options.sampleSize ?? 100_000);
  const sample = used.length <= size ? used : Array.from({ length: size }, (_, i) => used[Math.floor((i * used.length) / size)]!);
  const ll = createGammaGammaObjective(sample.map((c) => ({ x: c.x, mean: c.mean / scale })));
  const objective = (v: number[]) => (v.some((u) => Math.abs(u) > LOG_PARAM_BOUND) ? Infinity : -ll({ p: Math.exp(v[0]!), q: Math.exp(v[1]!), gamma: Math.exp(v[2]!) }));
  const res = nelderMead(objective, [0, 0, 0]);
  assertIdentified('Gamma-Gamma', ['p', 'q', 'gamma'], res.x);
  const params = { p: Math.exp(res.x[0]!), q: Math.exp(res.x[1]!), gamma: Math.exp(res.x[2]!) * scale };
  return { ...params, logLikelihood: gammaGammaLogLikelihood(params, used), customers: used.length, iterations: res.evaluations, converged: res.converged };
}

/**
 * E[M | x, m_x]: the expected spend per purchase, a weighted mean of the population mean γp/(q−1) and
 * the customer's own mean (weight px/(px+q−1)). With x = 0 it is the population mean. Needs q > 1
 * (otherwise the population mean is infinite): returns the customer's own mean then.
 */
export function expectedSpend({ p, q, gamma }: GammaGammaParams, c: SpendHistory): number {
  if (!(q > 1)) return c.mean;
  const px = c.x > 0 && c.mean > 0 ? p * c.x : 0;
  return (gamma * p + px * (c.x > 0 ? c.mean : 0)) / (px + q - 1);
}
