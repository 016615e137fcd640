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
function nearest(m: Matrix, i: number, c: Float64Array, k: number, out: { d: number; second: number }): number {
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

/**
 * Lloyd's iterations with Hamerly's bounds (2010, "Making k-means even faster"): an upper bound on each row's
 * distance to its centroid and a lower bound on the distance to any other let most rows skip the distance
 * computations once the centroids settle. Same assignments as plain Lloyd; stops at a fixed point (no row
 * changes cluster) or when no centroid moves more than `tolerance`.
 */
function lloyd(m: Matrix, k: number, c: Float64Array, maxIterations: number, tolerance: number): KMeansResult {
  const { n, d, values } = m;
  const assign = new Int32Array(n).fill(-1);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const near = { d: 0, second: 0 };
  const half = new Float64Array(k);
  const moved = new Float64Array(k);
  let iterations = 0;
  let converged = false;
  let reseeds = 0;
  while (iterations < maxIterations && !converged) {
    iterations++;
    // Half the distance from each centroid to its nearest other centroid.
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
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const a = assign[i]!;
      if (a >= 0) {
        const bound = Math.max(half[a]!, lower[i]!);
        if (upper[i]! <= bound) continue;
        let s = 0;
        for (let j = 0, base = i * d, cb = a * d; j < d; j++) s += (values[base + j]! - c[cb + j]!) ** 2;
        upper[i] = Math.sqrt(s);
        if (upper[i]! <= bound) continue;
      }
      const bi = nearest(m, i, c, k, near);
      upper[i] = Math.sqrt(near.d);
      lower[i] = Math.sqrt(near.second);
      if (bi !== a) (assign[i] = bi), changed++;
    }
    // No row changed cluster: the centroids are already the means, a fixed point.
    if (!changed) {
      converged = true;
      break;
    }
    const sums = new Float64Array(k * d);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const ci = assign[i]!;
      counts[ci]!++;
      for (let j = 0, cb = ci * d, base = i * d; j < d; j++) sums[cb + j]! += values[base + j]!;
    }
    let shift = 0;
    let jumped = false;
    for (let ci = 0; ci < k; ci++) {
      if (!counts[ci]) {
        // An empty cluster takes the row farthest from its centroid.
        let far = 0;
        for (let i = 1; i < n; i++) if (upper[i]! > upper[far]!) far = i;
        upper[far] = 0;
        for (let j = 0; j < d; j++) sums[ci * d + j] = values[far * d + j]!;
        counts[ci] = 1;
        reseeds++;
        jumped = true;
      }
      let sq = 0;
      for (let j = 0; j < d; j++) {
        const v = sums[ci * d + j]! / counts[ci]!;
        sq += (v - c[ci * d + j]!) ** 2;
        c[ci * d + j] = v;
      }
      moved[ci] = Math.sqrt(sq);
      shift = Math.max(shift, moved[ci]!);
    }
    // Bounds follow the centroids: the own one may have moved away, any other one closer.
    let top = 0;
    let topAt = 0;
    let next = 0;
    for (let ci = 0; ci < k; ci++) {
      if (moved[ci]! > top) (next = top), (top = moved[ci]!), (topAt = ci);
      else if (moved[ci]! > next) next = moved[ci]!;
    }
    for (let i = 0; i < n; i++) {
      const a = assign[i]!;
      upper[i]! += moved[a]!;
      lower[i]! -= a === topAt ? next : top;
    }
    if (jumped) lower.fill(0); // a re-seeded centroid jumped: recheck every row
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
