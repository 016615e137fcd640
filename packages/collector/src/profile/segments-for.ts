/** The ids of the project's custom segments (`config.segments`) a user matches, for GET /v1/status. */
import { matchSegment, type Checklist, type Facts, type Predicate, type Status, type StatusRules } from '@waymark/core';
import type { CachedConfig } from './project-config-cache.js';

/**
 * Evaluates each `config.segments[id]` predicate (core's `ProjectConfig`) with `matchSegment` against the
 * user's facts and status; `{ checklist }` predicates see `config.checklists`. A malformed predicate is
 * skipped, never fatal: a bad config must not break status reads for everyone.
 */
export function segmentsFor(facts: Facts, cfg: CachedConfig, nowMs: number, status: Status, statusRules?: Partial<StatusRules>): string[] {
  const segments = cfg.config.segments;
  if (typeof segments !== 'object' || segments === null || Array.isArray(segments)) return [];
  const checklists = Array.isArray(cfg.config.checklists) ? (cfg.config.checklists as Checklist[]) : [];
  const ids: string[] = [];
  for (const [id, predicate] of Object.entries(segments as Record<string, Predicate>)) {
    if (typeof predicate !== 'object' || predicate === null) continue;
    try {
      if (matchSegment(predicate, { facts, status, ...(statusRules ? { statusRules } : {}), checklists }, nowMs)) ids.push(id);
    } catch {
      // skipped: see above
    }
  }
  return ids;
}
