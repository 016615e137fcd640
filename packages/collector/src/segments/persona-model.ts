/** Personas as a recompute model: feature rows from each profile, then `findPersonas` over the population. */
import type { AnalyticsConfig, Facts } from '@waymark/core';
import type { Matrix } from './kmeans.js';
import { defaultCategories, featureNames, personaFeatures, type Categories } from './persona-features.js';
import { findPersonas } from './personas.js';
import type { ModelContext, UserModel } from './user-model.js';

/** Profiles read before choosing default categories (the first ones in key order: deterministic). */
const CATEGORY_SAMPLE = 10_000;

export function createPersonaModel({ config, nowMs }: ModelContext): UserModel {
  const settings = (config.analytics as AnalyticsConfig | undefined)?.personas ?? {};
  let categories: Categories | undefined = settings.categories ? Object.entries(settings.categories) : undefined;
  const pending: Array<[string, Facts]> = [];
  const keys: string[] = [];
  let rows: number[] = [];
  const flush = () => {
    categories ??= defaultCategories(pending.map(([, f]) => f));
    for (const [key, facts] of pending) keys.push(key), rows.push(...personaFeatures(facts, categories, nowMs));
    pending.length = 0;
  };
  return {
    kind: 'personas',
    add(key, facts) {
      pending.push([key, facts]);
      if (categories || pending.length >= CATEGORY_SAMPLE) flush();
    },
    finish() {
      flush();
      const features = featureNames(categories!);
      const m: Matrix = { n: keys.length, d: features.length, values: Float64Array.from(rows) };
      rows = [];
      const kMin = settings.kMin ?? 2;
      if (m.n <= kMin) return { result: null };
      const seed = settings.seed ?? 1;
      const found = findPersonas(m, features, { seed, kMin, kMax: Math.max(kMin, settings.kMax ?? 6), names: settings.names ?? {} });
      const index = new Map<string, number>();
      keys.forEach((k, i) => index.set(k, found.assignments[i]!));
      const fields = found.personas.map((p) => ({ persona: { id: p.id, name: p.name } }));
      return {
        result: { seed, k: found.k, users: m.n, silhouette: found.silhouette, silhouetteByK: found.silhouetteByK, features, personas: found.personas },
        fieldsOf: (key) => {
          const i = index.get(key);
          return i === undefined ? undefined : fields[i];
        },
      };
    },
  };
}
