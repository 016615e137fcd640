/** What of a profile's facts a browser may see: every trait the project did not list in `statusTraits` is removed. */
import type { Facts } from '@waymark/core';
import type { CachedConfig } from './project-config-cache.js';

export interface VisibleFacts {
  facts: Facts;
  /** `JSON.stringify(facts)` when known (the stored text, reused when nothing was removed). */
  factsJson: string | undefined;
}

const NO_TRAITS: readonly string[] = [];

/** The trait names `config.statusTraits` lets browsers see (none unless listed). */
export function statusTraitsOf(c: CachedConfig): readonly string[] {
  const listed = c.config.statusTraits;
  return Array.isArray(listed) ? listed.filter((t): t is string => typeof t === 'string') : NO_TRAITS;
}

/**
 * Facts with only the listed traits. The result is remembered per (facts object, config object), both of which are
 * shared and never mutated, so repeated reads of an unchanged profile return the same object (and the status
 * answer memo, keyed on that identity, stays warm).
 */
export function createVisibleFacts(): (facts: Facts, factsJson: string | undefined, config: CachedConfig) => VisibleFacts {
  const seen = new WeakMap<Facts, { config: CachedConfig; visible: VisibleFacts }>();
  return (facts, factsJson, config) => {
    const keys = Object.keys(facts.traits);
    if (keys.length === 0) return { facts, factsJson };
    const hit = seen.get(facts);
    if (hit && hit.config === config) return hit.visible;
    const allowed = statusTraitsOf(config);
    const kept = keys.filter((k) => allowed.includes(k));
    const visible: VisibleFacts = kept.length === keys.length
      ? { facts, factsJson }
      : { facts: { ...facts, traits: Object.fromEntries(kept.map((k) => [k, facts.traits[k]!])) }, factsJson: undefined };
    seen.set(facts, { config, visible });
    return visible;
  };
}
