/** Population view of RFM scores: per named group the count and mean R, F, M inputs; the R×F cell counts. */
import type { RfmGroup } from './rfm-groups.js';
import type { RfmInput, RfmScore } from './rfm-scores.js';

/** One group of the `/rfm` answer. Means are over the group's customers (null when it is empty). */
export interface RfmGroupSummary {
  name: RfmGroup;
  count: number;
  /** Mean time since the last purchase (finite values only). */
  recency: number | null;
  frequency: number | null;
  monetary: number | null;
}

/** The ten groups in CleverTap's order (best first); `others` follows when present. */
export const RFM_GROUP_ORDER: readonly RfmGroup[] = [
  'champions', 'loyal customers', 'potential loyalists', 'new customers', 'promising',
  'need attention', 'about to sleep', 'at risk', "can't lose them", 'hibernating',
];

/** Every group with its count and mean inputs (empty groups included, count 0), in `RFM_GROUP_ORDER`. */
export function rfmGroupSummary(inputs: readonly RfmInput[], scores: readonly RfmScore[]): RfmGroupSummary[] {
  const acc = new Map<RfmGroup, { n: number; r: number; rn: number; f: number; m: number }>();
  scores.forEach((s, i) => {
    const a = acc.get(s.group) ?? { n: 0, r: 0, rn: 0, f: 0, m: 0 };
    const c = inputs[i]!;
    a.n++;
    if (Number.isFinite(c.recency)) (a.r += c.recency), a.rn++;
    a.f += Number.isFinite(c.frequency) ? c.frequency : 0;
    a.m += Number.isFinite(c.monetary) ? c.monetary : 0;
    acc.set(s.group, a);
  });
  const names = acc.has('others') ? [...RFM_GROUP_ORDER, 'others' as const] : RFM_GROUP_ORDER;
  return names.map((name) => {
    const a = acc.get(name);
    return a ? { name, count: a.n, recency: a.rn ? a.r / a.rn : null, frequency: a.f / a.n, monetary: a.m / a.n } : { name, count: 0, recency: null, frequency: null, monetary: null };
  });
}

/** Customers per (R, F) cell: `cells[r - 1][f - 1]`. */
export function rfmCellCounts(scores: readonly RfmScore[]): number[][] {
  const cells = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const s of scores) cells[s.r - 1]![s.f - 1]!++;
  return cells;
}
