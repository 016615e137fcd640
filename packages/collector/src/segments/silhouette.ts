/**
 * Mean silhouette coefficient (Rousseeuw 1987, scikit-learn's conventions): Euclidean distance; a(i) = mean
 * distance to the other members of i's cluster; b(i) = the lowest mean distance to another cluster;
 * s(i) = (b − a) / max(a, b), 0 for a member of a singleton cluster. O(rows² · d): pass a sample for large data.
 */
import type { Matrix } from './kmeans.js';

/** @returns the mean over `rows` (indices into `m`, default all); NaN with fewer than 2 clusters among them. */
export function silhouette(m: Matrix, assignments: ArrayLike<number>, k: number, rows?: readonly number[]): number {
  const idx = rows ?? Array.from({ length: m.n }, (_, i) => i);
  const sizes = new Array<number>(k).fill(0);
  for (const i of idx) sizes[assignments[i]!]!++;
  if (sizes.filter((s) => s > 0).length < 2) return NaN;
  let total = 0;
  const sums = new Float64Array(k);
  for (const i of idx) {
    sums.fill(0);
    for (const j of idx) {
      if (i === j) continue;
      let s = 0;
      for (let t = 0; t < m.d; t++) {
        const x = m.values[i * m.d + t]! - m.values[j * m.d + t]!;
        s += x * x;
      }
      sums[assignments[j]!]! += Math.sqrt(s);
    }
    const own = assignments[i]!;
    if (sizes[own]! <= 1) continue; // s(i) = 0
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    total += (b - a) / Math.max(a, b);
  }
  return total / idx.length;
}
