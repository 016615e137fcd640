/** Population view of churn risk: status counts by rule, a P(alive) histogram, expected purchases, valuable customers at risk. */
import type { ChurnRisk } from './churn-risk.js';

/** Options of `churnSummary`. */
export interface ChurnSummaryOptions {
  /** Customers listed in `atRisk`. @default 20 */
  top?: number;
  /** Bins of the P(alive) histogram over [0, 1]. @default 10 */
  bins?: number;
}

/** A valuable customer at risk (or churned). */
export interface AtRiskCustomer {
  key: string;
  status: ChurnRisk['status'];
  rule: ChurnRisk['rule'];
  pAlive: number | null;
  silence: number;
  /**
   * What the customer would be worth over the horizon if still active: E[Y | alive] × E[M]
   * (expected purchases ÷ P(alive), times expected spend); null without both models.
   */
  valueIfActive: number | null;
}

/** The churn result's population part (the fitted parameters are the caller's to add). */
export interface ChurnSummary {
  customers: number;
  /** Customers per status, split by the rule that decided. */
  byRule: Record<ChurnRisk['rule'], Record<ChurnRisk['status'], number>>;
  /** Repeat buyers per P(alive) bin: `pAliveHistogram[i]` counts [i/bins, (i+1)/bins) (the last bin includes 1). */
  pAliveHistogram: number[];
  /** Σ expected purchases over the horizon (null without BG/NBD). */
  expectedPurchases: number | null;
  /** At-risk and churned customers with the highest `valueIfActive` (by silence when there is no value). */
  atRisk: AtRiskCustomer[];
}

/** Summarises `churnRisk`'s verdicts; `keys[i]` names `risks[i]`. */
export function churnSummary(keys: readonly string[], risks: readonly ChurnRisk[], options: ChurnSummaryOptions = {}): ChurnSummary {
  const { top = 20, bins = 10 } = options;
  const zero = () => ({ active: 0, 'at-risk': 0, churned: 0, unknown: 0 });
  const byRule = { bgnbd: zero(), cadence: zero() };
  const pAliveHistogram = new Array<number>(bins).fill(0);
  let expected: number | null = null;
  const candidates: AtRiskCustomer[] = [];
  risks.forEach((r, i) => {
    byRule[r.rule][r.status]++;
    if (r.pAlive !== null) pAliveHistogram[Math.min(bins - 1, Math.floor(r.pAlive * bins))]!++;
    if (r.expectedPurchases !== null) expected = (expected ?? 0) + r.expectedPurchases;
    if (r.status != 'at-risk' && r.status != 'churned') return;
    const alive = r.pAlive ?? 1;
    const valueIfActive = r.expectedPurchases === null || r.expectedSpend === null || !(alive > 0) ? null : (r.expectedPurchases / alive) * r.expectedSpend;
    candidates.push({ key: keys[i]!, status: r.status, rule: r.rule, pAlive: r.pAlive, silence: r.silence, valueIfActive });
  });
  candidates.sort((a, b) => (b.valueIfActive ?? -1) - (a.valueIfActive ?? -1) || b.silence - a.silence || (a.key < b.key ? -1 : 1));
  return { customers: risks.length, byRule, pAliveHistogram, expectedPurchases: expected, atRisk: candidates.slice(0, top) };
}
