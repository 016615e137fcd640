/** Per-customer churn risk: BG/NBD P(alive) for repeat buyers, the cadence rule (segmentation.md §6) for one-time buyers. */
import { expectedPurchases, pAlive, type BgNbdParams, type RepeatHistory } from './bg-nbd.js';
import { expectedSpend, type GammaGammaParams } from './gamma-gamma.js';

/** A customer as `churnRisk` reads it (`mean`: spend per purchase, for the value estimate). */
export interface ChurnCustomer extends RepeatHistory {
  mean?: number;
}

/** Options of `churnRisk`. */
export interface ChurnRiskOptions {
  /** Fitted BG/NBD; without it repeat buyers are judged by the cadence rule too. @default none */
  bgnbd?: BgNbdParams | null;
  /** Fitted Gamma-Gamma, for expected spend and value. @default none */
  gammaGamma?: GammaGammaParams | null;
  /** Periods ahead for expected purchases and value. @default 52 */
  horizon?: number;
  /** P(alive) below this is `at-risk`. @default 0.5 */
  atRiskBelow?: number;
  /** P(alive) below this is `churned`. @default 0.1 */
  churnedBelow?: number;
  /** Cadence rule: silence beyond this many typical gaps is `at-risk`. @default 2 */
  atRiskGaps?: number;
  /** Cadence rule: silence beyond this many of the customer's own mean gaps (and beyond the horizon) is `churned`. @default 4 */
  churnedGaps?: number;
  /**
   * Cadence rule: silence after which a one-time buyer is `churned`.
   * @default 2 × the 90th percentile of the repeat buyers' mean gaps (t_x / x) in `customers`
   */
  populationHorizon?: number;
}

/** The verdict on one customer. */
export interface ChurnRisk {
  /** Which rule decided: BG/NBD P(alive) (x > 0 with a fitted model) or the cadence rule. */
  rule: 'bgnbd' | 'cadence';
  status: 'active' | 'at-risk' | 'churned' | 'unknown';
  /** BG/NBD P(alive); null when the cadence rule decided. */
  pAlive: number | null;
  /** Time since the last purchase (T − t_x), in the model's unit: ranks risk as well as P(alive) on CDNOW. */
  silence: number;
  /** BG/NBD expected purchases in the next `horizon` periods; null without the model. */
  expectedPurchases: number | null;
  /** Gamma-Gamma expected spend per purchase; null without the model. */
  expectedSpend: number | null;
  /** expectedPurchases × expectedSpend: the value at stake; null without both models. */
  expectedValue: number | null;
}

/** The q-quantile (0..1) of ascending values, linear between order statistics (R's type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]!);
}

/**
 * Judges every customer of a population (the population supplies the one-time buyers' cadence):
 * - x > 0 with `bgnbd`: P(alive) < `churnedBelow` → churned, < `atRiskBelow` → at-risk;
 * - x = 0 (BG/NBD says P(alive) = 1 for them, whatever the silence): silence T beyond `atRiskGaps` ×
 *   the repeat buyers' median gap → at-risk, beyond `populationHorizon` → churned; `unknown` when
 *   nobody repeated and no horizon is given;
 * - x > 0 without `bgnbd`: the same with the customer's own mean gap t_x / x.
 */
export function churnRisk(customers: readonly ChurnCustomer[], options: ChurnRiskOptions = {}): ChurnRisk[] {
  const { bgnbd, gammaGamma, horizon = 52, atRiskBelow = 0.5, churnedBelow = 0.1, atRiskGaps = 2, churnedGaps = 4 } = options;
  const gaps = customers.filter((c) => c.x > 0).map((c) => c.tx / c.x).sort((a, b) => a - b);
  const medianGap = gaps.length ? quantile(gaps, 0.5) : NaN;
  const H = options.populationHorizon ?? (gaps.length ? 2 * quantile(gaps, 0.9) : NaN);
  return customers.map((c) => {
    const silence = c.T - c.tx;
    const spend = gammaGamma ? expectedSpend(gammaGamma, { x: c.x, mean: c.mean ?? 0 }) : null;
    if (bgnbd && c.x > 0) {
      const alive = pAlive(bgnbd, c);
      const purchases = expectedPurchases(bgnbd, c, horizon);
      const status = alive < churnedBelow ? 'churned' : alive < atRiskBelow ? 'at-risk' : 'active';
      return { rule: 'bgnbd', status, pAlive: alive, silence, expectedPurchases: purchases, expectedSpend: spend, expectedValue: spend === null ? null : purchases * spend };
    }
    const gap = c.x > 0 ? c.tx / c.x : medianGap;
    const churnAfter = c.x > 0 ? Math.max(churnedGaps * gap, Number.isFinite(H) ? H : 0) : H;
    const status = !Number.isFinite(churnAfter) ? 'unknown' : silence > churnAfter ? 'churned' : silence > atRiskGaps * gap ? 'at-risk' : 'active';
    const purchases = bgnbd ? expectedPurchases(bgnbd, c, horizon) : null;
    return { rule: 'cadence', status, pAlive: null, silence, expectedPurchases: purchases, expectedSpend: spend, expectedValue: spend === null || purchases === null ? null : purchases * spend };
  });
}
