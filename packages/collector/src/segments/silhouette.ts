/**
 * Mean silhouette coefficient (Rousseeuw 1987, scikit-learn's conventions): Euclidean distance; a(i) = mean
 * distance to the other members of i's cluster; b(i) = the lowest mean distance to another cluster;
 * s(i) = (b − a) / max(a, b), 0 for a member of a singleton cluster. O(rows² · d): pass a sample for large data.
 */
import type { Matrix } from './kmeans.js';

/** @returns the mean over `rows` (indices into `m`, default all); NaN with fewer than 2 clusters among them. */
export function silhouette(m: Matrix, assignments: ArrayLike<number>, k: number, rows?: readonly number[]): number {
  const { d, values } = m;
  const idx = Int32Array.from(rows ?? Array.from({ length: m.n }, (_, i) => i));
  const label = Int32Array.from(idx, (i) => assignments[i]!);
  const sizes = new Array<number>(k).fill(0);
  for (const c of label) sizes[c]!++;
  if (sizes.filter((s) => s > 0).length < 2) return NaN;
  let total = 0;
  const sums = new Float64Array(k);
  for (let p = 0; p < idx.length; p++) {
    sums.fill(0);
    const ib = idx[p]! * d;
    for (let q = 0; q < idx.length; q++) {
      if (p === q) continue;
      let s = 0;
      for (let t = 0, jb = idx[q]! * d; t < d; t++) {
        const x = values[ib + t]! - values[jb + t]!;
        s += x * x;
      }
      sums[label[q]!]! += Math.sqrt(s);
    }
    const own = label[p]!;
    if (sizes[own]! <= 1) continue; // s(i) = 0
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    total += (b - a) / Math.max(a, b);
  }
  return total / idx.length;
}
