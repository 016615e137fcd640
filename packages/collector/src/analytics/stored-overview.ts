/**
 * The overview a population recompute stored (`RESULT_KINDS.overview`, 90 days of daily actives), in the shape
 * the overview route answers for `days`: so the dashboard's first view over a large project reads one row
 * instead of folding every profile.
 */
import { RESULT_KINDS, type StoredOverview } from '../segments/population-results.js';
import type { Storage } from '../storage/storage.js';
import type { Overview } from './overview.js';

export interface StoredOverviewAnswer extends Overview {
  configVersion: number;
  /** When the recompute that stored it ran (the same instant as `asOf`). */
  computedAtMs: number;
}

/** The stored overview cut to the last `days` days of daily actives, or null when no recompute stored one. */
export async function readStoredOverview(storage: Storage, projectId: string, days: number): Promise<StoredOverviewAnswer | null> {
  const stored = await storage.segments?.getResult(projectId, RESULT_KINDS.overview);
  if (!stored) return null;
  const { timeZone: _timeZone, ...body } = JSON.parse(stored.body) as StoredOverview;
  return { ...body, activity: { ...body.activity, daily: body.activity.daily.slice(-days) } };
}
