/**
 * PostgreSQL storage adapter (the `postgres` client): several collector processes may share one database.
 * Writes answer after COMMIT with synchronous_commit=on; dedupe on the events table's unique (project, messageId);
 * profiles and identity links change only under advisory locks on their keys (pg-key-locks.ts); no profile cache,
 * and project / config changes are announced with NOTIFY (pg-changes.ts) so other processes drop their caches.
 */
import postgres, { type Sql } from 'postgres';
import type { Storage } from '../storage/storage.js';
import { commitBatchPg } from './pg-commit-batch.js';
import { pgChangeFeed } from './pg-changes.js';
import { migratePostgres } from './pg-migrate.js';
import { pgProjects } from './pg-projects.js';
import { pgReports } from './pg-reports.js';
import { pgStreamGaps } from './pg-stream-gaps.js';
import { pgUserData } from './pg-user-data.js';

export interface PostgresStorageOptions {
  /** `postgres://user:password@host:port/database` (also `postgresql://`). */
  url: string;
  /** Connections in this process's pool; each batch being committed holds one. @default 10 */
  maxConnections?: number;
  /** Schema holding the collector's tables (created if missing). @default the role's search_path (usually `public`) */
  schema?: string;
  /** Apply `migrations-pg/` on start (under an advisory lock, so replicas may start together). @default true */
  migrate?: boolean;
  /**
   * Days a device tab's delivery-gap counts (`GET /v1/admin/streams`) are kept after its last stored event; older
   * ones are pruned (at most hourly, by the process storing a batch), their counts kept in the per-project totals.
   * @default 30
   */
  streamRetentionDays?: number;
}

/** How often a process prunes old tab sequences (on the first batch it stores after this long). */
const PRUNE_INTERVAL_MS = 3_600_000;

/** int8 columns (times in ms, seq) as numbers: every value the collector stores is far below 2^53. */
const INT8_AS_NUMBER = { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) };

export async function createPostgresStorage(options: PostgresStorageOptions): Promise<Storage & { sql: Sql; pruneStreamSequences(nowMs: number): Promise<number> }> {
  const sql = postgres(options.url, {
    max: options.maxConnections ?? 10,
    types: { bigint: INT8_AS_NUMBER },
    onnotice: () => {},
    // A 200 means the COMMIT is on disk: insist on it whatever the server's or role's default.
    connection: { synchronous_commit: 'on', application_name: 'waymark-collector', ...(options.schema ? { search_path: options.schema } : {}) },
  }) as unknown as Sql;
  if (options.schema) await sql`CREATE SCHEMA IF NOT EXISTS ${sql(options.schema)}`;
  if (options.migrate ?? true) await migratePostgres(sql);
  const changes = pgChangeFeed(sql);
  const streamGaps = pgStreamGaps(sql, (options.streamRetentionDays ?? 30) * 86_400_000);
  let nextPruneMs = 0;
  let pruning: Promise<unknown> = Promise.resolve();
  const maybePrune = () => {
    const nowMs = Date.now();
    if (nowMs < nextPruneMs) return;
    nextPruneMs = nowMs + PRUNE_INTERVAL_MS;
    pruning = streamGaps.prune(nowMs).catch(() => {}); // tried again an interval later; the counts stay exact meanwhile
  };
  return {
    sql,
    ...pgProjects(sql),
    ...pgUserData(sql),
    ...pgReports(sql),
    commitBatch(projectId, events, reducer) {
      maybePrune();
      return commitBatchPg(sql, projectId, events, reducer);
    },
    streamGaps: { totals: streamGaps.totals, sequences: streamGaps.sequences },
    pruneStreamSequences: streamGaps.prune,
    watchChanges: (listener) => changes.watch(listener),
    async checkWrite(nowMs) {
      await sql`INSERT INTO health (id, checked_at_ms) VALUES (1, ${nowMs}) ON CONFLICT (id) DO UPDATE SET checked_at_ms = excluded.checked_at_ms`;
    },
    async close() {
      await changes.close();
      await pruning;
      await sql.end({ timeout: 5 });
    },
  };
}
