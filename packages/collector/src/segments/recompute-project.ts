/**
 * Runs every population model for one project over the `Storage` port and stores the results: activity histories
 * brought up to date, today's snapshot of statuses and custom segments, lifecycle per day/week/month, retention per
 * week/month, the analytics overview (what the dashboard draws first), the per-user models (personas; RFM and churn risk when registered), and the per-user fields.
 * Pages are read with `pause()` between them, so a server keeps answering while it runs.
 */
import { DEFAULT_FACTS_CONFIG, evaluateStatus, type AnalyticsConfig, type Facts, type ProjectConfig } from '@waymark/core';
import { overviewForConfig } from '../analytics/overview-for-config.js';
import { statusRulesOf, type CachedConfig } from '../profile/project-config-cache.js';
import { segmentsFor } from '../profile/segments-for.js';
import type { SnapshotRow } from '../storage/segment-store.js';
import type { Storage } from '../storage/storage.js';
import { lifecycleCounts } from './lifecycle.js';
import { localDayOf, periodOf, type Interval } from './local-day.js';
import { createChurnModel } from './churn-model.js';
import { createPersonaModel } from './persona-model.js';
import { MAX_SIZE_DAYS, OVERVIEW_DAYS, RESULT_KINDS, type ResultStamp, type StoredSizes } from './population-results.js';
import { retentionCohorts } from './retention.js';
import { createRfmModel } from './rfm-model.js';
import { sizesOf } from './transitions.js';
import { updateActivity } from './update-activity.js';
import { writeUserFields } from './user-fields-pages.js';
import type { UserFields, UserModelFactory } from './user-model.js';

const PAGE = 2000;
/** Cohorts kept per retention interval, each followed for at most this many periods. */
const RETENTION = { week: { cohorts: 26, periods: 12 }, month: { cohorts: 12, periods: 12 } } as const;

export interface RecomputeOptions {
  nowMs: number;
  /** Lets other work run between pages. @default a macrotask turn */
  pause?: () => Promise<void>;
  /** Progress lines (the CLI prints them on stderr). */
  onProgress?: (message: string) => void;
  /** Per-user models besides personas (RFM, churn risk). @default DEFAULT_USER_MODELS */
  models?: readonly UserModelFactory[];
}

export interface RecomputeSummary {
  projectId: string;
  users: number;
  eventsScanned: number;
  snapshotDay: string;
  models: Record<string, 'computed' | 'too few users'>;
  durationMs: number;
}

/** The per-user models every recompute runs. */
export const DEFAULT_USER_MODELS: readonly UserModelFactory[] = [createPersonaModel, createRfmModel, createChurnModel];

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function recomputeProject(storage: Storage, projectId: string, options: RecomputeOptions): Promise<RecomputeSummary> {
  const seg = storage.segments;
  if (!seg || !storage.scanProfiles) throw new Error('this storage has no population-segment store');
  const { nowMs, pause = macrotask, onProgress = () => {} } = options;
  const started = Date.now();
  const stored = await storage.getProjectConfig(projectId);
  const cfg: CachedConfig = { config: (stored?.config as Record<string, unknown> | null) ?? {}, version: stored?.version ?? 0 };
  const config = cfg.config as ProjectConfig;
  const timeZone = (config.analytics as AnalyticsConfig | undefined)?.timeZone ?? 'UTC';
  const stamp: ResultStamp = { computedAtMs: nowMs, configVersion: cfg.version, timeZone };
  const put = (kind: string, body: object) => seg.putResult(projectId, kind, JSON.stringify({ ...stamp, ...body }), nowMs);

  onProgress(`${projectId}: folding new events into activity histories`);
  const activity = await updateActivity(seg, projectId, {
    timeZone, churnEvents: config.facts?.churnEvents ?? DEFAULT_FACTS_CONFIG.churnEvents, pause,
  });
  const today = localDayOf(timeZone)(nowMs);

  for (const interval of ['day', 'week', 'month'] as const) {
    const to = periodOf(today, interval);
    let from = to;
    for (const u of activity.users.values()) from = Math.min(from, periodOf(u.first, interval));
    await put(RESULT_KINDS.lifecycle(interval), { ...lifecycleCounts(activity.users.values(), interval, from, to), to });
  }
  for (const interval of ['week', 'month'] as const) {
    const to = periodOf(today, interval);
    const { cohorts, periods } = RETENTION[interval];
    await put(RESULT_KINDS.retention(interval), { interval, cohorts: retentionCohorts(activity.users.values(), interval, to - cohorts + 1, to, periods) });
  }

  onProgress(`${projectId}: reading profiles (snapshot and per-user models)`);
  const models = (options.models ?? DEFAULT_USER_MODELS).map((make) => make({ config: cfg.config, nowMs }));
  const rules = statusRulesOf(cfg);
  const snapshot: SnapshotRow[] = [];
  const overview = overviewForConfig(cfg, nowMs, OVERVIEW_DAYS);
  for (let afterKey = ''; ; ) {
    const page = await storage.scanProfiles(projectId, { afterKey, limit: PAGE });
    for (const p of page) {
      const facts = p.facts as Facts;
      const status = evaluateStatus(facts, rules, nowMs).status;
      snapshot.push({ key: p.key, status, segments: segmentsFor(facts, cfg, nowMs, status, rules) });
      overview.add(facts, p.key.startsWith('u:'), status);
      if (facts.first > 0) for (const m of models) m.add(p.key, facts);
    }
    if (page.length < PAGE) break;
    afterKey = page[page.length - 1]!.key;
    await pause();
  }
  await seg.putSnapshot(projectId, today, snapshot);
  await put(RESULT_KINDS.overview, overview.result());
  const previous = await seg.getResult(projectId, RESULT_KINDS.sizes);
  const days = previous ? (JSON.parse(previous.body) as StoredSizes).days.filter((d) => d.day < today) : [];
  await put(RESULT_KINDS.sizes, { days: [...days, { day: today, ...sizesOf(snapshot) }].slice(-MAX_SIZE_DAYS) });

  const summaryModels: RecomputeSummary['models'] = {};
  const fieldSources: Array<(key: string) => UserFields | undefined> = [];
  for (const m of models) {
    onProgress(`${projectId}: ${m.kind}`);
    await pause();
    const { result, fieldsOf } = m.finish();
    summaryModels[m.kind] = result ? 'computed' : 'too few users';
    if (result) await put(m.kind, result);
    if (result && fieldsOf) fieldSources.push(fieldsOf);
  }
  const users: Array<[string, UserFields]> = [];
  for (const { key } of snapshot) {
    let fields: UserFields | undefined;
    for (const source of fieldSources) {
      const f = source(key);
      if (f) fields = { ...fields, ...f };
    }
    if (fields) users.push([key, fields]);
  }
  await writeUserFields(seg, projectId, nowMs, users);
  const summary: RecomputeSummary = {
    projectId, users: snapshot.length, eventsScanned: activity.scanned, snapshotDay: new Date(today * 86_400_000).toISOString().slice(0, 10),
    models: summaryModels, durationMs: Date.now() - started,
  };
  await put(RESULT_KINDS.summary, summary);
  return summary;
}
