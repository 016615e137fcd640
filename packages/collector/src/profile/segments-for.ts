/** The ids of the project's live segments (`config.segments`) a user matches, for GET /v1/status. */
import { matchSegment, type Checklist, type Facts, type Predicate, type Status, type StatusRules } from '@waymark/core';
import type { CachedConfig } from './project-config-cache.js';

/** A live segment in a project config: `{ id, predicate }` in core's predicate language. */
export interface SegmentDefinition {
  id: string;
  predicate: Predicate;
}

/**
 * Evaluates each `config.segments[i].predicate` with core's `matchSegment` against the user's facts and
 * status; `{ checklist }` predicates see `config.checklists`. Malformed entries are skipped, never fatal.
 */
export function segmentsFor(facts: Facts, cfg: CachedConfig, nowMs: number, status: Status, statusRules?: Partial<StatusRules>): string[] {
  const list = cfg.config.segments;
  if (!Array.isArray(list)) return [];
  const checklists = Array.isArray(cfg.config.checklists) ? (cfg.config.checklists as Checklist[]) : [];
  const ids: string[] = [];
  for (const s of list as Array<Partial<SegmentDefinition> | null>) {
    if (typeof s?.id !== 'string' || typeof s.predicate !== 'object' || s.predicate === null) continue;
    try {
      if (matchSegment(s.predicate, { facts, status, ...(statusRules ? { statusRules } : {}), checklists }, nowMs)) ids.push(s.id);
    } catch {
      // A bad predicate in config must not break status reads for everyone.
    }
  }
  return ids;
}
