/**
 * The per-user population fields (RFM group, P(alive), persona) of every project, in memory, for GET /v1/status
 * (a synchronous lookup on the hot path) and the members route. Loaded from the stored `users` result and
 * reloaded in the background when it may have changed (after `checkEveryMs`, or at once after `invalidate`).
 */
import type { Storage } from '../storage/storage.js';
import { RESULT_KINDS } from './population-results.js';
import { readUserFields } from './user-fields-pages.js';
import type { UserFields } from './user-model.js';

/** A user's fields with the time they were computed (what the status answer's `population` shows). */
export type Population = UserFields & { asOf: string };

export interface PopulationIndex {
  /** The user's fields when loaded; never waits (a missing or stale project is loaded in the background). */
  peek(projectId: string, key: string, nowMs: number): Population | undefined;
  /** Every user's fields (loads them if needed). */
  all(projectId: string): Promise<ReadonlyMap<string, Population>>;
  /** Forget the loaded copy (after a recompute). */
  invalidate(projectId?: string): void;
}

interface Entry {
  byKey: ReadonlyMap<string, Population>;
  computedAtMs: number;
  checkedAtMs: number;
  loading?: Promise<void>;
}

const EMPTY: ReadonlyMap<string, Population> = new Map();
/** Between two pages of a load: requests waiting on the event loop run. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** @param checkEveryMs how often a loaded project is checked for a newer result. @default 30_000 */
export function createPopulationIndex(storage: Storage, checkEveryMs = 30_000): PopulationIndex {
  const projects = new Map<string, Entry>();
  const load = (projectId: string, nowMs: number): Promise<void> => {
    const entry = projects.get(projectId) ?? { byKey: EMPTY, computedAtMs: -1, checkedAtMs: nowMs };
    projects.set(projectId, entry);
    entry.checkedAtMs = nowMs;
    entry.loading ??= (async () => {
      // The small summary is written last by a recompute: read the large per-user result only when it changed.
      const summary = await storage.segments?.getResult(projectId, RESULT_KINDS.summary);
      if (!summary || summary.computedAtMs === entry.computedAtMs) return;
      const loaded = await readUserFields(storage.segments!, projectId, (f): Population => ({ ...f, asOf: new Date(summary.computedAtMs).toISOString() }), pause);
      if (!loaded) return;
      entry.byKey = loaded.byKey;
      entry.computedAtMs = summary.computedAtMs;
    })()
      .catch(() => {}) // a failed load keeps the previous copy; the next check retries
      .finally(() => (entry.loading = undefined));
    return entry.loading;
  };
  return {
    peek(projectId, key, nowMs) {
      const entry = projects.get(projectId);
      if (!entry || nowMs - entry.checkedAtMs > checkEveryMs) void load(projectId, nowMs);
      return entry?.byKey.get(key);
    },
    async all(projectId) {
      await load(projectId, Date.now());
      return projects.get(projectId)!.byKey;
    },
    invalidate(projectId) {
      for (const [id, entry] of projects) if (projectId === undefined || id === projectId) entry.checkedAtMs = -Infinity;
    },
  };
}
