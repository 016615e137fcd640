/**
 * The overview accumulator under a project's stored config (checklists, custom segments, status rules): the one
 * the overview route folds on request and the one a population recompute folds and stores.
 */
import type { Checklist, Predicate } from '@waymark/core';
import { statusRulesOf, type CachedConfig } from '../profile/project-config-cache.js';
import { createOverview, type OverviewAccumulator } from './overview.js';

const arrayOr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const recordOr = <T>(v: unknown): Record<string, T> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, T>) : {});

/** `days`: days of daily actives kept (1-90). */
export function overviewForConfig(cfg: CachedConfig, nowMs: number, days: number): OverviewAccumulator {
  const statusRules = statusRulesOf(cfg);
  return createOverview({
    nowMs, days, checklists: arrayOr<Checklist>(cfg.config.checklists), segments: recordOr<Predicate>(cfg.config.segments),
    ...(statusRules ? { statusRules } : {}),
  });
}
