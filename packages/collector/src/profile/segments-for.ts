/** The segment ids a status answer lists: the project's configured live segments the user matches. */
import type { Facts } from '@waymark/core';
import type { CachedConfig } from './project-config-cache.js';

/**
 * `config.segments` is a list of `{ id, match }` where `match(facts, nowMs)` is evaluated by core's
 * predicate language once it exists; until then only segments with a `status` list are evaluated.
 */
export function segmentsFor(facts: Facts, config: CachedConfig, nowMs: number, status?: string): string[] {
  const list = config.config.segments;
  if (!Array.isArray(list)) return [];
  void facts;
  void nowMs;
  const ids: string[] = [];
  for (const s of list as Array<{ id?: unknown; status?: unknown }>) {
    if (typeof s?.id !== 'string') continue;
    if (Array.isArray(s.status) && status !== undefined && s.status.includes(status)) ids.push(s.id);
  }
  return ids;
}
