/**
 * k-means (Lloyd) with k-means++ seeding (Arthur & Vassilvitskii 2007) from a seeded random source and several
 * restarts, keeping the lowest sum of squared errors (ties: the earliest restart). Deterministic for a seed.
 */
import { seededRandom } from './seeded-random.js';

/** Rows of `d` numbers, row-major in one array. */
export interface Matrix {
  n: number;
  d: number;
  values: Float64Array;
}

export interface KMeansOptions {
  /** @default 1 */
  seed?: number;
  /** Independent k-means++ starts; the best (lowest SSE) wins. @default 10 */
  restarts?: number;
  /** @default 100 */
  maxIterations?: number;
  /** Converged when no centroid moves more than this (Euclidean). @default 1e-6 */
  tolerance?: number;
  /** Start from these centroids instead (one run, no restarts): for cross-checks. */
  initialCentroids?: number[][];
}

export interface KMeansResult {
  /** k rows of d. */
  centroids: number[][];
  /** Cluster index per row. */
  assignments: Int32Array;
  /** Sum of squared distances of each row to its centroid. */
  sse: number;
  iterations: number;
  converged: boolean;
  /** Times a cluster became empty and was re-seeded from the row farthest from its centroid. */
  reseeds: number;
}

export const matrixOf = (rows: readonly (readonly number[])[]): Matrix => {
  const d = rows[0]?.length ?? 0;
  const values = new Float64Array(rows.length * d);
  rows.forEach((r, i) => values.set(r, i * d));
  return { n: rows.length, d, values };
};

function sqDist(m: Matrix, row: number, c: Float64Array, ci: number): number {
  let s = 0;
  const base = row * m.d;
  const cb = ci * m.d;
  for (let j = 0; j < m.d; j++) {
    const x = m.values[base + j]! - c[cb + j]!;
    s += x * x;
  }
  return s;
}

/** k-means++: the first centre uniformly, each next one with probability proportional to D². */
function seedPlusPlus(m: Matrix, k: number, random: () => number): Float64Array {
  const c = new Float64Array(k * m.d);
  const first = Math.floor(random() * m.n);
  c.set(m.values.subarray(first * m.d, first * m.d + m.d), 0);
  const best = new Float64Array(m.n);
  let total = 0;
  for (let i = 0; i < m.n; i++) total += best[i] = sqDist(m, i, c, 0);
  for (let ci = 1; ci < k; ci++) {
    let target = random() * total;
    let pick = m.n - 1;
    for (let i = 0; i < m.n; i++) if ((target -= best[i]!) < 0) (pick = i), (i = m.n);
    c.set(m.values.subarray(pick * m.d, pick * m.d + m.d), ci * m.d);
    total = 0;
    for (let i = 0; i < m.n; i++) total += best[i] = Math.min(best[i]!, sqDist(m, i, c, ci));
  }
  return c;
}

/** Index of the nearest centroid to row `i` and its squared distance (partial distances stop early). */
function nearest(m: Matrix, i: number, c: Float64Array, k: number, out: { d: number }): number {
  const { d, values } = m;
  const base = i * d;
  let bi = 0;
  let bd = Infinity;
  for (let ci = 0; ci < k; ci++) {
    const cb = ci * d;
    let s = 0;
    for (let j = 0; j < d && s < bd; j++) {
      const x = values[base + j]! - c[cb + j]!;
      s += x * x;
    }
    if (s < bd) (bd = s), (bi = ci);
  }
  out.d = bd;
  return bi;
}

function lloyd(m: Matrix, k: number, c: Float64Array, maxIterations: number, tolerance: number): KMeansResult {
  const assign = new Int32Array(m.n).fill(-1);
  const dist = new Float64Array(m.n);
  const near = { d: 0 };
  let iterations = 0;
  let converged = false;
  let reseeds = 0;
  while (iterations < maxIterations && !converged) {
    iterations++;
    let changed = 0;
    const { d, values } = m;
    for (let i = 0; i < m.n; i++) {
      // Inlined `nearest` (this loop is where k-means spends its time).
      const base = i * d;
      let bi = 0;
      let bd = Infinity;
      for (let ci = 0; ci < k; ci++) {
        const cb = ci * d;
        let s = 0;
        for (let j = 0; j < d; j++) {
          const x = values[base + j]! - c[cb + j]!;
          s += x * x;
        }
        if (s < bd) (bd = s), (bi = ci);
      }
      if (assign[i] !== bi) (assign[i] = bi), changed++;
      dist[i] = bd;
    }
    // No row changed cluster: the centroids are already the means, a fixed point.
    if (!changed) {
      converged = true;
      break;
    }
    const sums = new Float64Array(k * m.d);
    const counts = new Int32Array(k);
    for (let i = 0; i < m.n; i++) {
      const ci = assign[i]!;
      counts[ci]!++;
      const cb = ci * d;
      const base = i * d;
      for (let j = 0; j < d; j++) sums[cb + j]! += values[base + j]!;
    }
    let shift = 0;
    for (let ci = 0; ci < k; ci++) {
      if (!counts[ci]) {
        // An empty cluster takes the row farthest from its centroid.
        let far = 0;
        for (let i = 1; i < m.n; i++) if (dist[i]! > dist[far]!) far = i;
        dist[far] = 0;
        for (let j = 0; j < m.d; j++) sums[ci * m.d + j] = m.values[far * m.d + j]!;
        counts[ci] = 1;
        shift = Infinity;
        reseeds++;
      }
      let moved = 0;
      for (let j = 0; j < m.d; j++) {
        const v = sums[ci * m.d + j]! / counts[ci]!;
        moved += (v - c[ci * m.d + j]!) ** 2;
        c[ci * m.d + j] = v;
      }
      shift = Math.max(shift, Math.sqrt(moved));
    }
    converged = shift <= tolerance;
  }
  let sse = 0;
  for (let i = 0; i < m.n; i++) {
    assign[i] = nearest(m, i, c, k, near);
    sse += near.d;
  }
  const centroids = Array.from({ length: k }, (_, ci) => Array.from(c.subarray(ci * m.d, ci * m.d + m.d)));
  return { centroids, assignments: assign, sse, iterations, converged, reseeds };
}

/** Clusters the rows of `m` into `k` groups (k ≤ n). */
export function kmeans(m: Matrix, k: number, options: KMeansOptions = {}): KMeansResult {
  if (k < 1 || k > m.n) throw new RangeError(`k must be between 1 and the number of rows (${m.n})`);
  const { seed = 1, restarts = 10, maxIterations = 100, tolerance = 1e-6 } = options;
  if (options.initialCentroids) return lloyd(m, k, matrixOf(options.initialCentroids).values, maxIterations, tolerance);
  const random = seededRandom(seed);
  let best: KMeansResult | undefined;
  for (let r = 0; r < Math.max(1, restarts); r++) {
    const result = lloyd(m, k, seedPlusPlus(m, k, random), maxIterations, tolerance);
    if (!best || result.sse < best.sse - 1e-9 * Math.max(1, best.sse)) best = result;
  }
  return best!;
}
