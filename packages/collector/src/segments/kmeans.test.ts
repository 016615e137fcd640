import fc from 'fast-check';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { describe, expect, it } from 'vitest';
import { IRIS } from './iris.fixture.js';
import { kmeans, matrixOf } from './kmeans.js';
import { adjustedRandIndex, plantedClusters } from './planted-clusters.fixture.js';
import { silhouette } from './silhouette.js';

const iris = matrixOf(IRIS.map((r) => [...r]));
const sizes = (a: ArrayLike<number>, k: number) => Array.from({ length: k }, (_, c) => Array.from(a).filter((x) => x === c).length).sort((x, y) => x - y);

describe('kmeans', () => {
  it('finds the best known iris optima with restarts (research/segmentation.md §5.2)', () => {
    const k3 = kmeans(iris, 3, { seed: 42 });
    expect(k3.sse).toBeCloseTo(78.851441, 5);
    expect(sizes(k3.assignments, 3)).toEqual([38, 50, 62]);
    const k2 = kmeans(iris, 2, { seed: 42 });
    expect(k2.sse).toBeCloseTo(152.347952, 5);
    expect(silhouette(iris, k2.assignments, 2)).toBeCloseTo(0.681046, 5);
    expect(silhouette(iris, k3.assignments, 3)).toBeCloseTo(0.552819, 5);
  });

  it('agrees with ml-kmeans (an independent implementation) from the same initial centroids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.uniqueArray(fc.integer({ min: 0, max: 149 }), { minLength: 6, maxLength: 6 }), (k, starts) => {
        const init = starts.slice(0, k).map((i) => [...IRIS[i]!]);
        // Iris has duplicate rows: two equal starting centroids tie for every row, and the two libraries break ties differently.
        fc.pre(new Set(init.map((r) => r.join())).size === k);
        const ours = kmeans(iris, k, { initialCentroids: init, maxIterations: 300 });
        const theirs = mlKmeans(IRIS.map((r) => [...r]), k, { initialization: init.map((r) => [...r]), maxIterations: 300, tolerance: 1e-6 });
        // An emptied cluster is handled differently (ml-kmeans keeps its old centroid, this one re-seeds it from the
        // farthest row): compare the runs where no cluster ever empties.
        fc.pre(ours.reseeds === 0 && new Set(theirs.clusters).size === k && theirs.converged);
        expect(Array.from(ours.assignments)).toEqual(theirs.clusters);
        ours.centroids.forEach((c, i) => c.forEach((v, j) => expect(v).toBeCloseTo(theirs.centroids[i]![j]!, 9)));
      }),
      { numRuns: 60 },
    );
  });

  it('is no worse than ml-kmeans with k-means++ and its own restarts', () => {
    const mlBest = Math.min(...[1, 2, 3, 4, 5].map((seed) => {
      const r = mlKmeans(IRIS.map((x) => [...x]), 4, { initialization: 'kmeans++', seed });
      return IRIS.reduce((s, x, i) => s + x.reduce((t, v, j) => t + (v - r.centroids[r.clusters[i]!]![j]!) ** 2, 0), 0);
    }));
    expect(kmeans(iris, 4, { seed: 7 }).sse).toBeLessThanOrEqual(mlBest + 1e-9);
    expect(kmeans(iris, 4, { seed: 7 }).sse).toBeCloseTo(57.228473, 5);
  });

  it('is deterministic for a seed, and a fixed point: each row at its nearest centroid, each centroid its rows\' mean', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true })), { minLength: 4, maxLength: 60 }), fc.integer({ min: 1, max: 4 }), fc.nat(), (rows, k, seed) => {
        const m = matrixOf(rows);
        const a = kmeans(m, k, { seed, restarts: 3, maxIterations: 500, tolerance: 0 });
        const b = kmeans(m, k, { seed, restarts: 3, maxIterations: 500, tolerance: 0 });
        expect(b).toEqual(a);
        const d2 = (r: readonly number[], c: readonly number[]) => r.reduce((s, v, j) => s + (v - c[j]!) ** 2, 0);
        let sse = 0;
        rows.forEach((r, i) => {
          const own = d2(r, a.centroids[a.assignments[i]!]!);
          sse += own;
          for (const c of a.centroids) expect(own).toBeLessThanOrEqual(d2(r, c) + 1e-9);
        });
        expect(a.sse).toBeCloseTo(sse, 6);
        if (a.converged) a.centroids.forEach((c, ci) => {
          const members = rows.filter((_, i) => a.assignments[i] === ci);
          if (members.length) c.forEach((v, j) => expect(v).toBeCloseTo(members.reduce((s, r) => s + r[j]!, 0) / members.length, 6));
        });
      }),
      { numRuns: 80 },
    );
  });
});

describe('kmeans with restarts on a sample', () => {
  it('ends where restarts on every row end, on generated clusters: SSE within 0.1%, the same partition (ARI ≥ 0.99), deterministic', () => {
    for (const [seed, spread] of [[1, 1.5], [2, 2.5], [3, 2.5]] as const) {
      const { m, truth } = plantedClusters({ n: 20_000, k: 5, d: 10, seed, spread });
      const every = kmeans(m, 5, { seed, restarts: 5, restartSample: 0 });
      const sampled = kmeans(m, 5, { seed, restarts: 5, restartSample: 2_000 });
      expect(sampled.sse).toBeLessThanOrEqual(every.sse * 1.001);
      expect(adjustedRandIndex(sampled.assignments, every.assignments)).toBeGreaterThan(0.99);
      // The planted clusters overlap (spread 2.5 on centres 0..10 apart), so neither recovers them exactly.
      expect(adjustedRandIndex(sampled.assignments, truth)).toBeGreaterThan(0.75);
      expect(kmeans(m, 5, { seed, restarts: 5, restartSample: 2_000 })).toEqual(sampled);
    }
  });
});

describe('silhouette', () => {
  it('matches the definition on a tiny table, 0 for singletons, NaN with one cluster', () => {
    const m = matrixOf([[0], [1], [10], [13]]);
    // point 0: a = 1, b = (10 + 13) / 2 = 11.5 → 1 - 1/11.5 …
    const s = [1 - 1 / 11.5, 1 - 1 / 10.5, 1 - 3 / 9.5, 1 - 3 / 12.5];
    expect(silhouette(m, [0, 0, 1, 1], 2)).toBeCloseTo(s.reduce((x, y) => x + y) / 4, 12);
    // {0, 1, 10} and the singleton {13} (s = 0): a = 5.5, 5, 9.5 and b = 13, 12, 3.
    expect(silhouette(m, [0, 0, 0, 1], 2)).toBeCloseTo((1 - 5.5 / 13 + 1 - 5 / 12 + (3 - 9.5) / 9.5 + 0) / 4, 12);
    expect(silhouette(m, [0, 0, 0, 0], 1)).toBeNaN();
  });
});
