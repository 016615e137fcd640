/** BG/NBD (Fader, Hardie & Lee 2005): maximum-likelihood fit, P(alive) and expected purchases. */
import { bgnbdLogLikelihoodOnce, createBgNbdObjective } from './bgnbd-objective.js';
import { lnHyp2f1 } from './ln-gamma.js';
import { assertIdentified, LOG_PARAM_BOUND, ModelFitError } from './model-fit-error.js';
import { nelderMead } from './nelder-mead.js';

/** One customer's sufficient statistics: repeat purchase periods, time of the last one, time observed. */
export interface RepeatHistory {
  /** Repeat purchases: distinct purchase days after the first (the first is not counted). */
  x: number;
  /** Time from the first purchase to the last one (0 when x = 0), in the model's unit. */
  tx: number;
  /** Time from the first purchase to the end of calibration, in the same unit. */
  T: number;
}

/** BG/NBD parameters: purchase rate λ ~ Gamma(r, α), drop-out probability p ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** A fitted BG/NBD model. */
export interface BgNbdFit extends BgNbdParams {
  /** Sample log-likelihood (the sum over customers, as the papers report it). */
  logLikelihood: number;
  /** Objective evaluations used by the optimiser. */
  iterations: number;
  /** The simplex met its tolerance (false: it stopped at the evaluation limit). */
  converged: boolean;
}

/** Options of `fitBgNbd`. */
export interface FitBgNbdOptions {
  /** Objective evaluations allowed. @default 20000 */
  maxEvaluations?: number;
  /**
   * Above this many customers the parameters are estimated on an evenly spaced sample of this size (their
   * sampling error is then far below the model's own misfit); `logLikelihood` is still over everyone. @default 100000
   */
  sampleSize?: number;
}

/** Checks the histories and returns the largest T (the time scale). */
function validate(customers: readonly RepeatHistory[]): number {
  if (!customers.length) throw new ModelFitError('no-customers', 'BG/NBD: no customers to fit');
  let maxT = 0;
  for (const c of customers) {
    if (!(Number.isInteger(c.x) && c.x >= 0 && c.tx >= 0 && c.T >= c.tx && Number.isFinite(c.T)) || (c.x > 0 && !(c.tx > 0)))
      throw new ModelFitError('invalid-input', `BG/NBD: invalid customer ${JSON.stringify(c)} (need integer x ≥ 0, 0 ≤ t_x ≤ T, t_x > 0 when x > 0)`);
    maxT = Math.max(maxT, c.T);
  }
  if (!customers.some((c) => c.x > 0))
    throw new ModelFitError('no-repeat-buyers', 'BG/NBD: nobody made a repeat purchase, so the drop-out process cannot be estimated (every P(alive) would be 1)');
  return maxT;
}

/**
 * The sample log-likelihood Σ ln L(r, α, a, b | x, t_x, T), in the hypergeometric-free form of the
 * paper's §7: ln A₁ + ln A₂ + logsumexp(ln A₃, ln A₄) (see `createBgNbdObjective`).
 */
export function bgnbdLogLikelihood(p: BgNbdParams, customers: readonly RepeatHistory[]): number {
  return bgnbdLogLikelihoodOnce(p, customers);
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/**
 * Fits BG/NBD by maximum likelihood: Nelder–Mead on the log-parameters, on time rescaled so the
 * longest T is 1 (α is scaled back). Throws `ModelFitError` when there are no customers, nobody
 * repeated, an input is invalid, or a parameter runs to 0 or ∞ (the data do not identify the model).
 */
export function fitBgNbd(customers: readonly RepeatHistory[], options: FitBgNbdOptions = {}): BgNbdFit {
  const scale = validate(customers) || 1;
  const size = Math.max(1, options.sampleSize ?? 100_000);
  const sample = customers.length <= size ? customers : Array.from({ length: size }, (_, i) => customers[Math.floor((i * customers.length) / size)]!);
  const ll = createBgNbdObjective(sample, scale);
  const objective = (v: number[]) => (v.some((u) => Math.abs(u) > LOG_PARAM_BOUND) ? Infinity : -ll(fromLog(v, 1)));
  const res = nelderMead(objective, [0, 0, 0, 0], { maxEvaluations: options.maxEvaluations ?? 20_000 });
  assertIdentified('BG/NBD', NAMES, res.x);
  const params = fromLog(res.x, scale);
  return { ...params, logLikelihood: bgnbdLogLikelihood(params, customers), iterations: res.evaluations, converged: res.converged };
}

const fromLog = (v: number[], scale: number): BgNbdParams => ({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!) * scale, a: Math.exp(v[2]!), b: Math.exp(v[3]!) });

/**
 * P(alive | x, t_x, T): the probability the customer has not dropped out by T (note 021).
 * Exactly 1 when x = 0: BG/NBD cannot declare a one-time buyer dead (see `churnRisk`).
 */
export function pAlive(p: BgNbdParams, c: RepeatHistory): number {
  if (c.x == 0) return 1;
  const { r, alpha, a, b } = p;
  return 1 / (1 + (a / (b + c.x - 1)) * Math.exp((r + c.x) * (Math.log(alpha + c.T) - Math.log(alpha + c.tx))));
}

/** E[Y(t) | x, t_x, T]: expected repeat purchases in the next `t` periods (paper Eq. 10). */
export function expectedPurchases(p: BgNbdParams, c: RepeatHistory, t: number): number {
  if (!(t > 0)) return 0;
  const { r, alpha, a, b } = p;
  const { x, T } = c;
  const lnTail = (r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)) + lnHyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  return ((a + b + x - 1) / (a - 1)) * -Math.expm1(lnTail) * pAlive(p, c);
}

/** E[X(t)]: expected repeat purchases in (0, t] of a customer just acquired (paper Eq. 9). */
export function bgnbdExpectedInPeriod(p: BgNbdParams, t: number): number {
  if (!(t > 0)) return 0;
  const { r, alpha, a, b } = p;
  const lnTail = r * (Math.log(alpha) - Math.log(alpha + t)) + lnHyp2f1(r, b, a + b - 1, t / (alpha + t));
  return ((a + b - 1) / (a - 1)) * -Math.expm1(lnTail);
}
