/**
 * Lloyd's iterations with Hamerly's bounds (2010, "Making k-means even faster") and incremental centroid sums.
 * Same assignments as plain Lloyd: the bounds only skip distance computations that could not change a row's
 * cluster, and the sums only skip re-adding rows that did not move.
 */
import type { KMeansResult, Matrix } from './kmeans.js';

/** Index of the nearest centroid to row `i` (the first on ties) and its squared distance; `out.second` the runner-up. */
export function nearest(m: Matrix, i: number, c: Float64Array, k: number, out: { d: number; second: number }): number {
  const { d, values } = m;
  const base = i * d;
  let bi = 0;
  let bd = Infinity;
  let second = Infinity;
  for (let ci = 0; ci < k; ci++) {
    const cb = ci * d;
    let s = 0;
    for (let j = 0; j < d && s < second; j++) {
      const x = values[base + j]! - c[cb + j]!;
      s += x * x;
    }
    if (s < bd) (second = bd), (bd = s), (bi = ci);
    else if (s < second) second = s;
  }
  out.d = bd;
  out.second = second;
  return bi;
}

/** The sum of squared distances of every row to its nearest centroid in `c`. */
export function sseOf(m: Matrix, k: number, c: Float64Array): number {
  const near = { d: 0, second: 0 };
  let sse = 0;
  for (let i = 0; i < m.n; i++) nearest(m, i, c, k, near), (sse += near.d);
  return sse;
}

/** Half the distance from each centroid to its nearest other one (a row closer than that to its own cannot move). */
function halfGaps(c: Float64Array, k: number, d: number, half: Float64Array): void {
  for (let a = 0; a < k; a++) {
    let best = Infinity;
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      let s = 0;
      for (let j = 0; j < d; j++) s += (c[a * d + j]! - c[b * d + j]!) ** 2;
      if (s < best) best = s;
    }
    half[a] = Math.sqrt(best) / 2;
  }
}

/**
 * Iterates from centroids `c` (k rows of d, updated in place) until no row changes cluster, no centroid moves more
 * than `tolerance`, or `maxIterations`; then every row joins its nearest centroid and the SSE is summed.
 */
export function lloyd(m: Matrix, k: number, c: Float64Array, maxIterations: number, tolerance: number): KMeansResult {
  const { n, d, values } = m;
  const assign = new Int32Array(n);
  const upper = new Float64Array(n); // ≥ the distance to the own centroid
  const lower = new Float64Array(n); // ≤ the distance to any other centroid
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  const near = { d: 0, second: 0 };
  const half = new Float64Array(k);
  const moved = new Float64Array(k);
  let iterations = 0;
  let converged = false;
  let reseeds = 0;
  let top = 0; // the largest centroid move of the last iteration, at `topAt`; `next` the second largest
  let topAt = -1;
  let next = 0;
  while (iterations < maxIterations && !converged) {
    iterations++;
    halfGaps(c, k, d, half);
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const base = i * d;
      let a = -1;
      if (iterations > 1) {
        // The bounds follow last iteration's moves: the own centroid may have moved away, any other one closer.
        a = assign[i]!;
        let u = (upper[i] = upper[i]! + moved[a]!);
        const bound = Math.max(half[a]!, (lower[i] = lower[i]! - (a === topAt ? next : top)));
        if (u <= bound) continue;
        let s = 0;
        for (let j = 0, cb = a * d; j < d; j++) s += (values[base + j]! - c[cb + j]!) ** 2;
        u = upper[i] = Math.sqrt(s);
        if (u <= bound) continue;
      }
      const bi = nearest(m, i, c, k, near);
      upper[i] = Math.sqrt(near.d);
      lower[i] = Math.sqrt(near.second);
      if (bi === a) continue;
      changed++;
      assign[i] = bi;
      counts[bi]!++;
      for (let j = 0, cb = bi * d; j < d; j++) sums[cb + j]! += values[base + j]!;
      if (a < 0) continue;
      // An emptied cluster's sums restart from exact zeros (no rounding residue left behind).
      if (--counts[a]! === 0) sums.fill(0, a * d, a * d + d);
      else for (let j = 0, cb = a * d; j < d; j++) sums[cb + j]! -= values[base + j]!;
    }
    // No row changed cluster: the centroids are already the means, a fixed point.
    if (!changed) {
      converged = true;
      break;
    }
    let shift = 0;
    let jumped = false;
    let far = -1;
    for (let ci = 0; ci < k; ci++) {
      const cb = ci * d;
      let sq = 0;
      if (counts[ci]) {
        for (let j = 0; j < d; j++) {
          const v = sums[cb + j]! / counts[ci]!;
          sq += (v - c[cb + j]!) ** 2;
          c[cb + j] = v;
        }
      } else {
        // An empty cluster takes the row farthest from its centroid (it joins the cluster in the next iteration).
        far = 0;
        for (let i = 1; i < n; i++) if (upper[i]! > upper[far]!) far = i;
        upper[far] = 0;
        for (let j = 0; j < d; j++) {
          const v = values[far * d + j]!;
          sq += (v - c[cb + j]!) ** 2;
          c[cb + j] = v;
        }
        reseeds++;
        jumped = true;
      }
      moved[ci] = Math.sqrt(sq);
      shift = Math.max(shift, moved[ci]!);
    }
    (top = 0), (topAt = -1), (next = 0);
    for (let ci = 0; ci < k; ci++) {
      if (moved[ci]! > top) (next = top), (top = moved[ci]!), (topAt = ci);
      else if (moved[ci]! > next) next = moved[ci]!;
    }
    // A re-seeded centroid jumped: every row's lower bound restarts at 0, so each one is checked again.
    if (jumped) lower.fill(0), (top = 0), (topAt = -1), (next = 0);
    converged = shift <= tolerance;
  }
  let sse = 0;
  for (let i = 0; i < n; i++) {
    assign[i] = nearest(m, i, c, k, near);
    sse += near.d;
  }
  const centroids = Array.from({ length: k }, (_, ci) => Array.from(c.subarray(ci * d, ci * d + d)));
  return { centroids, assignments: assign, sse, iterations, converged, reseeds };
}
