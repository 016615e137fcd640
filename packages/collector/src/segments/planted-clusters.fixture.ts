/** Generated populations with known clusters, and the adjusted Rand index to compare clusterings, for k-means tests. */
import type { Matrix } from './kmeans.js';
import { seededRandom } from './seeded-random.js';

export interface PlantedClusters {
  m: Matrix;
  /** The planted cluster of each row. */
  truth: Int32Array;
}

/**
 * `n` rows of `d` features around `k` centres drawn uniformly in [0, 10)^d, Gaussian noise of standard deviation
 * `spread` on every feature; cluster sizes uneven (weights 1..k). With `positive`, each value is exp(value / 4):
 * skewed, positive behaviour counts whose log is the blob (what personas standardise).
 */
export function plantedClusters(o: { n: number; k: number; d: number; seed: number; spread: number; positive?: boolean }): PlantedClusters {
  const random = seededRandom(o.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: o.k }, () => Array.from({ length: o.d }, () => 10 * random()));
  const weight = (o.k * (o.k + 1)) / 2;
  const values = new Float64Array(o.n * o.d);
  const truth = new Int32Array(o.n);
  for (let i = 0; i < o.n; i++) {
    let pick = random() * weight;
    let c = 0;
    while ((pick -= c + 1) >= 0) c++;
    truth[i] = c;
    for (let j = 0; j < o.d; j++) {
      const v = centres[c]![j]! + o.spread * normal();
      values[i * o.d + j] = o.positive ? Math.exp(v / 4) : v;
    }
  }
  return { m: { n: o.n, d: o.d, values }, truth };
}

/** Adjusted Rand index (Hubert & Arabie 1985): 1 for the same partition (whatever the labels), about 0 for chance. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const pairs = (x: number) => (x * (x - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const key = `${a[i]} ${b[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(a[i]!, (rows.get(a[i]!) ?? 0) + 1);
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + 1);
  }
  const sum = (m: Map<unknown, number>) => [...m.values()].reduce((s, x) => s + pairs(x), 0);
  const index = sum(cells);
  const expected = (sum(rows) * sum(cols)) / pairs(a.length);
  const max = (sum(rows) + sum(cols)) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
