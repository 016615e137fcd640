/** RFM: tie-aware quintile scores 1–5 and the named groups (R×F grid by default, R×FM table as an option). */
import { rfmGroup, type RfmGroup, type RfmTable } from './rfm-groups.js';

/** One customer as RFM reads it. */
export interface RfmInput {
  /** Time since the last purchase or activity (any unit; smaller is better). */
  recency: number;
  /** Purchases (or active days, sessions…) in the window. */
  frequency: number;
  /** Spend in the window (e.g. the `revenue` counter, summed from the project's revenue properties). */
  monetary: number;
}

/** Options of `rfmScores`. */
export interface RfmOptions {
  /** `rf`: the 10-group R×F grid (a partition); `rfm`: the R×FM table, FM = (F+M)/2, in its documented order. @default 'rf' */
  table?: RfmTable;
}

/** Scores and group of one customer. */
export interface RfmScore {
  r: number;
  f: number;
  m: number;
  group: RfmGroup;
}

/**
 * Quintile scores by mid-rank: the customers sharing a value share its average rank ρ (1-based),
 * percentile p = (ρ − ½)/n, score = min(5, ⌊5p⌋ + 1). Identical values always get the same score
 * whatever the input order; bins are therefore only approximately 20% each (ties are never split).
 */
export function quintileScores(values: readonly number[]): number[] {
  const n = values.length;
  const idx = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const out = new Array<number>(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[idx[j + 1]!] === values[idx[i]!]) j++;
    const score = Math.min(5, Math.floor((5 * ((i + j) / 2 + 0.5)) / n) + 1);
    for (let k = i; k <= j; k++) out[idx[k]!] = score;
    i = j + 1;
  }
  return out;
}

/**
 * RFM scores (5 = best: most recent, most frequent, highest spend) and the named group of each customer,
 * in input order. Non-finite inputs count as the worst value (no purchase: recency ∞, frequency and spend 0).
 */
export function rfmScores(customers: readonly RfmInput[], options: RfmOptions = {}): RfmScore[] {
  const fin = (v: number, worst: number) => (Number.isFinite(v) ? v : worst);
  const r = quintileScores(customers.map((c) => -fin(c.recency, Infinity)));
  const f = quintileScores(customers.map((c) => fin(c.frequency, 0)));
  const m = quintileScores(customers.map((c) => fin(c.monetary, 0)));
  return customers.map((_, i) => ({ r: r[i]!, f: f[i]!, m: m[i]!, group: rfmGroup(r[i]!, f[i]!, m[i]!, options.table) }));
}
