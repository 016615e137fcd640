import { emptyFacts, type Facts } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { matrixOf } from './kmeans.js';
import { defaultCategories, featureNames, personaFeatures } from './persona-features.js';
import { findPersonas, standardise } from './personas.js';
import { adjustedRandIndex, plantedClusters } from './planted-clusters.fixture.js';
import { seededRandom } from './seeded-random.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 6);

/** Three planted behaviours: buyers (many purchases), readers (many page views, long sessions), lapsed (silent 60 days). */
function population(n: number, seed: number): number[][] {
  const r = seededRandom(seed);
  const jitter = (x: number) => x * (0.8 + 0.4 * r());
  return Array.from({ length: n }, (_, i) => {
    const kind = i % 3;
    // rate:Article Read, sessionsPerWeek, eventsPerSession, purchasesPerWeek, activeDays90, recencyDays
    if (kind === 0) return [jitter(1), jitter(3), jitter(4), jitter(2), jitter(30), jitter(1)];
    if (kind === 1) return [jitter(40), jitter(5), jitter(25), 0, jitter(60), jitter(0.5)];
    return [jitter(0.5), jitter(0.2), jitter(3), 0, jitter(3), jitter(60)];
  });
}
const FEATURES = ['rate:Article Read', 'sessionsPerWeek', 'eventsPerSession', 'purchasesPerWeek', 'activeDays90', 'recencyDays'];

describe('findPersonas', () => {
  it('recovers planted groups, picks k by silhouette and names them from their dominant features', () => {
    const result = findPersonas(matrixOf(population(600, 3)), FEATURES, { seed: 11 });
    expect(result.k).toBe(3);
    expect(result.personas.map((p) => p.size)).toEqual([200, 200, 200]);
    // Every planted group lands in one persona.
    for (let kind = 0; kind < 3; kind++) expect(new Set(Array.from(result.assignments).filter((_, i) => i % 3 === kind)).size).toBe(1);
    const names = result.personas.map((p) => p.name).sort();
    expect(names.some((n) => n.includes('buyers'))).toBe(true);
    expect(names.some((n) => n.includes('lapsed') || n.includes('rare visitors'))).toBe(true);
    expect(result.silhouetteByK.find((s) => s.k === 3)!.silhouette).toBe(result.silhouette);
    expect(Math.max(...result.silhouetteByK.map((s) => s.silhouette))).toBe(result.silhouette);
  });

  it('is deterministic for a seed and takes names from the config', () => {
    const m = matrixOf(population(300, 5));
    const a = findPersonas(m, FEATURES, { seed: 4, kMax: 4, names: { p2: 'Readers' } });
    const b = findPersonas(m, FEATURES, { seed: 4, kMax: 4, names: { p2: 'Readers' } });
    expect(b).toEqual(a);
    expect(a.personas[1]!.name).toBe('Readers');
    expect(a.personas.map((p) => p.id)).toEqual(a.personas.map((_, i) => `p${i + 1}`));
  });

  it('refuses too few users', () => {
    expect(() => findPersonas(matrixOf([[1], [2]]), ['x'])).toThrow(RangeError);
  });
});

describe('standardise', () => {
  it('gives each column mean 0 and sd 1 on the log scale, 0 for a constant column', () => {
    const z = standardise(matrixOf([[0, 5], [1, 5], [3, 5], [7, 5]]));
    const col = (j: number) => [0, 1, 2, 3].map((i) => z.values[i * 2 + j]!);
    expect(col(0).reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12);
    expect(col(0).reduce((s, v) => s + v * v, 0) / 4).toBeCloseTo(1, 12);
    expect(col(1)).toEqual([0, 0, 0, 0]);
  });
});

describe('personaFeatures', () => {
  it('reads rates per week since first seen, sessions, purchases, active days and recency from facts', () => {
    const facts: Facts = {
      ...emptyFacts(), first: NOW - 14 * DAY, active: NOW - 2 * DAY, last: NOW - 2 * DAY, days: [1, 2, 3],
      src: { s: { t: 0, c: { events: 40, sessions: 4, purchases: 2, 'e:Article Read': 10, 'e:Video Played': 6 } } },
      names: { 'Article Read': { f: 0, l: 0, r: [] }, 'Video Played': { f: 0, l: 0, r: [] } },
    };
    const cats = [['reading', ['Article Read', 'Video Played']]] as const;
    expect(featureNames(cats)).toEqual(['rate:reading', 'sessionsPerWeek', 'eventsPerSession', 'purchasesPerWeek', 'activeDays90', 'recencyDays']);
    expect(personaFeatures(facts, cats, NOW)).toEqual([8, 2, 10, 1, 3, 2]);
    expect(defaultCategories([facts, { ...facts, names: { 'Video Played': { f: 0, l: 0, r: [] }, 'Nudge Shown': { f: 0, l: 0, r: [] } } }]))
      .toEqual([['Video Played', ['Video Played']], ['Article Read', ['Article Read']]]);
  });
});

describe('findPersonas on a sample', () => {
  it('fits on a sample and assigns every row to its nearest centroid', () => {
    const m = matrixOf(population(900, 8));
    const sampled = findPersonas(m, FEATURES, { seed: 2, kMax: 4, fitSample: 300 });
    expect(sampled.personas.reduce((s, p) => s + p.size, 0)).toBe(900);
    expect(sampled.k).toBe(3);
    for (let kind = 0; kind < 3; kind++) expect(new Set(Array.from(sampled.assignments).filter((_, i) => i % 3 === kind)).size).toBe(1);
  });
});

describe('findPersonas: samples agree with every row', () => {
  it('chooses the same k and the same personas with the k search, silhouette and final fit on samples as on every row', () => {
    const features = Array.from({ length: 8 }, (_, j) => `f${j}`);
    for (const seed of [1, 2]) {
      // 4 planted behaviours, skewed positive counts (log-normal around each centre), uneven sizes.
      const { m, truth } = plantedClusters({ n: 2_400, k: 4, d: 8, seed, spread: 1, positive: true });
      const every = findPersonas(m, features, { seed, searchSample: m.n, silhouetteSample: m.n, fitSample: m.n });
      const sampled = findPersonas(m, features, { seed, searchSample: 800, silhouetteSample: 400, fitSample: 1_200 });
      expect(every.k).toBe(4);
      expect(sampled.k).toBe(every.k);
      expect(adjustedRandIndex(every.assignments, truth)).toBeGreaterThan(0.99);
      expect(adjustedRandIndex(sampled.assignments, every.assignments)).toBeGreaterThan(0.99);
      sampled.personas.forEach((p, i) => expect(Math.abs(p.size - every.personas[i]!.size)).toBeLessThanOrEqual(0.01 * m.n));
    }
  });
});

describe('findPersonas on degenerate populations', () => {
  it('answers for identical users and for a constant feature, without NaN', () => {
    const same = findPersonas(matrixOf(Array.from({ length: 20 }, () => [1, 2, 3])), ['a', 'b', 'c'], { kMax: 3 });
    expect(same.personas.reduce((s, p) => s + p.size, 0)).toBe(20);
    expect(Number.isFinite(same.silhouette)).toBe(true);
    for (const p of same.personas) for (const v of Object.values(p.centroid)) expect(Number.isFinite(v)).toBe(true);
    expect(same.personas[0]!.name).toBe('typical users');
  });
});
