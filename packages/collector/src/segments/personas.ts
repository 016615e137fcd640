/**
 * Personas: k-means++ (seeded, restarted) on standardised behavioural features (log1p, then z-scores), k chosen
 * by the mean silhouette within a range, each cluster named from its dominant features (names overridable).
 * Deterministic for a seed. Personas are numbered by size, largest first (ties by centroid), so ids are stable.
 */
import { kmeans, rowsOf, type Matrix } from './kmeans.js';
import { sampleIndices, seededRandom } from './seeded-random.js';
import { silhouette } from './silhouette.js';

export interface PersonaOptions {
  /** @default 1 */
  seed?: number;
  /** @default 2 */
  kMin?: number;
  /** @default 6 */
  kMax?: number;
  /** k-means++ starts for the final fit (the k search uses 3 per k on a sample). @default 10 */
  restarts?: number;
  /** Rows the k search clusters. @default 5000 */
  searchSample?: number;
  /** Rows the silhouette is measured on (O(n²)). @default 1000 */
  silhouetteSample?: number;
  /** Rows the final fit clusters; every row then joins its nearest centroid. @default 100_000 */
  fitSample?: number;
  /** Persona id → name, replacing the generated one. @default {} */
  names?: Record<string, string>;
}

export interface Persona {
  id: string;
  name: string;
  size: number;
  share: number;
  /** Mean of each feature over the members, in the feature's own unit. */
  centroid: Record<string, number>;
  /** Up to two features furthest from the population (|z| ≥ 0.5), strongest first. */
  dominant: string[];
}

export interface PersonaResult {
  k: number;
  silhouette: number;
  silhouetteByK: Array<{ k: number; silhouette: number }>;
  personas: Persona[];
  /** Persona index (into `personas`) per input row. */
  assignments: Int32Array;
}

/** log1p then z-score per column (a column with no spread becomes 0). */
export function standardise(m: Matrix): Matrix {
  const { n, d } = m;
  const values = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i * d + j] = Math.log1p(Math.max(0, m.values[i * d + j]!));
    const mean = sum / n;
    let sq = 0;
    for (let i = 0; i < n; i++) sq += (values[i * d + j]! - mean) ** 2;
    const sd = Math.sqrt(sq / n);
    for (let i = 0; i < n; i++) values[i * d + j] = sd > 0 ? (values[i * d + j]! - mean) / sd : 0;
  }
  return { n, d, values };
}

const LABELS: Record<string, [high: string, low: string]> = {
  sessionsPerWeek: ['frequent visitors', 'rare visitors'],
  eventsPerSession: ['deep sessions', 'quick visits'],
  purchasesPerWeek: ['buyers', 'non-buyers'],
  activeDays90: ['regulars', 'occasional'],
  recencyDays: ['lapsed', 'recently active'],
};
const labelOf = (feature: string, high: boolean): string =>
  LABELS[feature]?.[high ? 0 : 1] ?? (feature.startsWith('rate:') ? `${high ? 'heavy' : 'light'} ${feature.slice(5)}` : feature);

/** Clusters `raw` (rows of features named `features`). Needs at least `kMin + 1` rows. */
export function findPersonas(raw: Matrix, features: readonly string[], options: PersonaOptions = {}): PersonaResult {
  const { seed = 1, kMin = 2, restarts = 10, searchSample = 5000, silhouetteSample = 1000, fitSample = 100_000, names = {} } = options;
  const kMax = Math.min(options.kMax ?? 6, raw.n - 1);
  if (kMax < kMin) throw new RangeError(`personas need more than ${kMin} users`);
  const z = standardise(raw);
  const random = seededRandom(seed);
  const sub = (rows: number[]): Matrix => rowsOf(z, rows);
  const search = sub(sampleIndices(z.n, searchSample, random));
  const measured = sampleIndices(search.n, silhouetteSample, random);
  const silhouetteByK: PersonaResult['silhouetteByK'] = [];
  for (let k = kMin; k <= kMax; k++) {
    const fit = kmeans(search, k, { seed: seed + k, restarts: 3 });
    const s = silhouette(search, fit.assignments, k, measured);
    silhouetteByK.push({ k, silhouette: Number.isNaN(s) ? -1 : s });
  }
  const best = silhouetteByK.reduce((a, b) => (b.silhouette > a.silhouette + 1e-12 ? b : a));
  const fitted = kmeans(z.n > fitSample ? sub(sampleIndices(z.n, fitSample, random).sort((a, b) => a - b)) : z, best.k, { seed, restarts });
  const fit = z.n > fitSample ? { ...fitted, assignments: nearestOf(z, fitted.centroids) } : fitted;

  // Order clusters by size (desc), then by centroid, so ids do not depend on k-means' internal numbering.
  const sizes = new Array<number>(best.k).fill(0);
  for (const a of fit.assignments) sizes[a]!++;
  const order = sizes.map((_, c) => c).sort((a, b) => sizes[b]! - sizes[a]! || compareRows(fit.centroids[a]!, fit.centroids[b]!));
  const rank = new Int32Array(best.k);
  order.forEach((c, i) => (rank[c] = i));
  const assignments = fit.assignments.map((a) => rank[a]!);

  const used = new Map<string, number>();
  const personas = order.map((c, i): Persona => {
    const centroid: Record<string, number> = {};
    features.forEach((f, j) => {
      let s = 0;
      for (let r = 0; r < raw.n; r++) if (fit.assignments[r] === c) s += raw.values[r * raw.d + j]!;
      centroid[f] = sizes[c] ? s / sizes[c]! : 0;
    });
    const zc = fit.centroids[c]!;
    const dominant = features.map((f, j) => [f, zc[j]!] as const).filter(([, v]) => Math.abs(v) >= 0.5)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 2);
    let name = dominant.length ? dominant.map(([f, v]) => labelOf(f, v > 0)).join(', ') : 'typical users';
    const seen = used.get(name) ?? 0;
    used.set(name, seen + 1);
    if (seen) name = `${name} (${seen + 1})`;
    const id = `p${i + 1}`;
    return { id, name: names[id] ?? name, size: sizes[c]!, share: sizes[c]! / raw.n, centroid, dominant: dominant.map(([f]) => f) };
  });
  return { k: best.k, silhouette: best.silhouette, silhouetteByK, personas, assignments };
}

/** Each row's nearest centroid. */
function nearestOf(m: Matrix, centroids: readonly number[][]): Int32Array {
  const out = new Int32Array(m.n);
  for (let i = 0; i < m.n; i++) {
    let best = Infinity;
    centroids.forEach((c, ci) => {
      let s = 0;
      for (let j = 0; j < m.d; j++) s += (m.values[i * m.d + j]! - c[j]!) ** 2;
      if (s < best) (best = s), (out[i] = ci);
    });
  }
  return out;
}

function compareRows(a: readonly number[], b: readonly number[]): number {
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return a[j]! - b[j]!;
  return 0;
}
