/**
 * k-means (Lloyd) with greedy k-means++ seeding (Arthur & Vassilvitskii 2007) from a seeded random source and
 * several restarts, keeping the lowest sum of squared errors (ties: the earliest restart). Deterministic for a seed.
 * On more rows than `restartSample`, the restarts run on one seeded sample and only the best start iterates on
 * every row (Bradley & Fayyad 1998, "Refining initial points for k-means clustering").
 */
import { lloyd, sseOf } from './kmeans-lloyd.js';
import { sampleIndices, seededRandom } from './seeded-random.js';

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
  /**
   * Above this many rows, each restart (seeding and iterations) runs on one seeded sample of this many rows; the
   * start whose centroids have the lowest SSE over every row then iterates on every row. 0: restarts on every row.
   * @default 20_000
   */
  restartSample?: number;
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
  /** Lloyd iterations of the returned run (with a restart sample: of the run on every row). */
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

/** The rows at `indices` (in that order). */
export function rowsOf(m: Matrix, indices: readonly number[]): Matrix {
  const values = new Float64Array(indices.length * m.d);
  indices.forEach((r, i) => values.set(m.values.subarray(r * m.d, r * m.d + m.d), i * m.d));
  return { n: indices.length, d: m.d, values };
}

/** Squared distance between rows `a` and `b` of `m`. */
function rowDist(m: Matrix, a: number, b: number): number {
  let s = 0;
  for (let j = 0, ab = a * m.d, bb = b * m.d; j < m.d; j++) s += (m.values[ab + j]! - m.values[bb + j]!) ** 2;
  return s;
}

/**
 * Greedy k-means++ (Arthur & Vassilvitskii 2007 §6; scikit-learn's default): the first centre uniformly, then for
 * each next one 2 + ⌊ln k⌋ candidates drawn with probability proportional to D², keeping the one that lowers the
 * total D² most. Fewer starts land two centres in one cluster than with one candidate.
 */
function seedPlusPlus(m: Matrix, k: number, random: () => number): Float64Array {
  const { n, d } = m;
  const trials = 2 + Math.floor(Math.log(k));
  const c = new Float64Array(k * d);
  let pick = Math.floor(random() * n);
  c.set(m.values.subarray(pick * d, pick * d + d), 0);
  let best = new Float64Array(n); // each row's D²: squared distance to its nearest centre so far
  let total = 0;
  for (let i = 0; i < n; i++) total += best[i] = rowDist(m, i, pick);
  let trial = new Float64Array(n);
  let kept = new Float64Array(n);
  for (let ci = 1; ci < k; ci++) {
    let low = Infinity;
    for (let t = 0; t < trials; t++) {
      let target = random() * total;
      let candidate = n - 1;
      for (let i = 0; i < n; i++) if ((target -= best[i]!) < 0) (candidate = i), (i = n);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += trial[i] = Math.min(best[i]!, rowDist(m, i, candidate));
      if (sum < low) (low = sum), (pick = candidate), ([trial, kept] = [kept, trial]);
    }
    c.set(m.values.subarray(pick * d, pick * d + d), ci * d);
    [best, kept] = [kept, best];
    total = low;
  }
  return c;
}

/** Clusters the rows of `m` into `k` groups (k ≤ n). */
export function kmeans(m: Matrix, k: number, options: KMeansOptions = {}): KMeansResult {
  if (k < 1 || k > m.n) throw new RangeError(`k must be between 1 and the number of rows (${m.n})`);
  const { seed = 1, restarts = 10, maxIterations = 100, tolerance = 1e-6, restartSample = 20_000 } = options;
  if (options.initialCentroids) return lloyd(m, k, matrixOf(options.initialCentroids).values, maxIterations, tolerance);
  const random = seededRandom(seed);
  const runs = Math.max(1, restarts);
  if (restartSample > 0 && m.n > restartSample && k <= restartSample) {
    const sample = rowsOf(m, sampleIndices(m.n, restartSample, random).sort((a, b) => a - b));
    let start: Float64Array | undefined;
    let low = Infinity;
    for (let r = 0; r < runs; r++) {
      const c = seedPlusPlus(sample, k, random);
      lloyd(sample, k, c, maxIterations, tolerance);
      const sse = runs > 1 ? sseOf(m, k, c) : 0;
      if (!start || sse < low - 1e-9 * Math.max(1, low)) (start = c), (low = sse);
    }
    return lloyd(m, k, start!, maxIterations, tolerance);
  }
  let best: KMeansResult | undefined;
  for (let r = 0; r < runs; r++) {
    const result = lloyd(m, k, seedPlusPlus(m, k, random), maxIterations, tolerance);
    if (!best || result.sse < best.sse - 1e-9 * Math.max(1, best.sse)) best = result;
  }
  return best!;
}
