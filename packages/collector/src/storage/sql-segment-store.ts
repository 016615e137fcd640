/**
 * The population-segment store (segment-store.ts, migration 0015) written once over a minimal SQL port, so the
 * Node adapter (better-sqlite3) and the Durable Object adapter (`ctx.storage.sql`) run the same statements and the
 * same snapshot diff. Every statement binds at most 5 parameters (a Durable Object allows 100).
 */
import { decodeDays, encodeDays } from '../segments/activity.js';
import type { ActivityScanRow, SegmentStore, SnapshotRow } from './segment-store.js';

/** What the store needs from a synchronous SQLite driver. */
export interface SegmentSql {
  all(query: string, ...bindings: unknown[]): Array<Record<string, unknown>>;
  get(query: string, ...bindings: unknown[]): Record<string, unknown> | undefined;
  run(query: string, ...bindings: unknown[]): void;
  /** Runs `fn` in one write transaction (better-sqlite3: `.immediate()`; a Durable Object: `transactionSync`). */
  transaction(fn: () => void): void;
  /** A BLOB value as the driver binds it. */
  blob(bytes: Uint8Array): unknown;
  /** A BLOB value as the driver reads it, as bytes. */
  bytes(value: unknown): Uint8Array;
  /** Lets other work run between two chunks of a large snapshot write. */
  pause(): Promise<void>;
}

/** A store with the erase step `deleteUser` runs inside its own transaction. */
export type SqlSegmentStore = SegmentStore & { eraseUsers(projectId: string, keys: readonly string[]): void };

/** Rows changed per transaction when a snapshot is written, so ingest's commits interleave. */
const SNAPSHOT_CHUNK = 1000;

const SQL = {
  scan: `SELECT e.seq, e.type, e.name, e.anonymous_id, e.timestamp_ms, COALESCE(lu.user_id, e.user_id, la.user_id) AS user_id
    FROM events e
    LEFT JOIN identity_links lu ON e.user_id IS NOT NULL AND lu.project_id = e.project_id AND lu.kind = 'u' AND lu.id = e.user_id
    LEFT JOIN identity_links la ON e.user_id IS NULL AND la.project_id = e.project_id AND la.kind = 'a' AND la.id = e.anonymous_id
    WHERE e.project_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`,
  readActivity: 'SELECT user_key, first_day, base_day, bits FROM segment_activity WHERE project_id = ? AND user_key > ? ORDER BY user_key LIMIT ?',
  putActivity: 'INSERT OR REPLACE INTO segment_activity (project_id, user_key, first_day, base_day, bits) VALUES (?, ?, ?, ?, ?)',
  deleteActivity: 'DELETE FROM segment_activity WHERE project_id = ? AND user_key = ?',
  getMark: 'SELECT seq, time_zone FROM segment_activity_marks WHERE project_id = ?',
  putMark: 'INSERT OR REPLACE INTO segment_activity_marks (project_id, seq, time_zone) VALUES (?, ?, ?)',
  clearActivity: 'DELETE FROM segment_activity WHERE project_id = ?',
  clearMark: 'DELETE FROM segment_activity_marks WHERE project_id = ?',
  days: 'SELECT day FROM segment_snapshot_days WHERE project_id = ? ORDER BY day',
  dayOnOrBefore: 'SELECT MAX(day) AS day FROM segment_snapshot_days WHERE project_id = ? AND day <= ?',
  addDay: 'INSERT OR IGNORE INTO segment_snapshot_days (project_id, day) VALUES (?, ?)',
  undoDay: 'DELETE FROM segment_states WHERE project_id = ? AND from_day = ?',
  reopen: 'UPDATE segment_states SET to_day = NULL WHERE project_id = ? AND to_day = ?',
  open: 'SELECT user_key, from_day, status, segments FROM segment_states WHERE project_id = ? AND to_day IS NULL',
  close: 'UPDATE segment_states SET to_day = ? WHERE project_id = ? AND user_key = ? AND from_day = ?',
  insertState: 'INSERT INTO segment_states (project_id, user_key, from_day, to_day, status, segments) VALUES (?, ?, ?, NULL, ?, ?)',
  readStates: `SELECT user_key, status, segments FROM segment_states
    WHERE project_id = ? AND user_key > ? AND from_day <= ? AND (to_day IS NULL OR to_day > ?) ORDER BY user_key LIMIT ?`,
  putResult: 'INSERT OR REPLACE INTO segment_results (project_id, kind, computed_at_ms, body) VALUES (?, ?, ?, ?)',
  getResult: 'SELECT body, computed_at_ms FROM segment_results WHERE project_id = ? AND kind = ?',
  eraseStates: 'DELETE FROM segment_states WHERE project_id = ? AND user_key = ?',
} as const;

type ScanRow = { seq: number; type: string; name: string | null; anonymous_id: string | null; timestamp_ms: number; user_id: string | null };
type StateRow = { user_key: string; from_day: number; status: string; segments: string };

export function sqlSegmentStore(db: SegmentSql): SqlSegmentStore {
  const days = (projectId: string) => db.all(SQL.days, projectId).map((r) => r.day as number);
  return {
    async scanActivity(projectId, page) {
      return (db.all(SQL.scan, projectId, page.afterSeq, page.limit) as ScanRow[]).map((r): ActivityScanRow => ({
        seq: r.seq, type: r.type, timestampMs: r.timestamp_ms,
        key: r.user_id !== null ? `u:${r.user_id}` : `a:${r.anonymous_id as string}`,
        ...(r.anonymous_id !== null ? { anonymousId: r.anonymous_id } : {}), ...(r.name !== null ? { name: r.name } : {}),
      }));
    },
    async readActivity(projectId, page) {
      const rows = db.all(SQL.readActivity, projectId, page.afterKey, page.limit) as Array<{ user_key: string; first_day: number; base_day: number; bits: unknown }>;
      return rows.map((r) => ({ key: r.user_key, first: r.first_day, days: decodeDays(r.base_day, db.bytes(r.bits)) }));
    },
    async writeActivity(projectId, rows, removed) {
      db.transaction(() => {
        for (const r of rows) db.run(SQL.putActivity, projectId, r.key, r.first, r.days[0] ?? r.first, db.blob(encodeDays(r.days)));
        for (const key of removed) db.run(SQL.deleteActivity, projectId, key);
      });
    },
    async readActivityMark(projectId) {
      const row = db.get(SQL.getMark, projectId) as { seq: number; time_zone: string } | undefined;
      return row ? { seq: row.seq, timeZone: row.time_zone } : null;
    },
    async setActivityMark(projectId, mark) {
      db.run(SQL.putMark, projectId, mark.seq, mark.timeZone);
    },
    async clearActivity(projectId) {
      db.transaction(() => {
        db.run(SQL.clearActivity, projectId);
        db.run(SQL.clearMark, projectId);
      });
    },
    async putSnapshot(projectId, day, rows) {
      const taken = days(projectId);
      const latest = taken[taken.length - 1];
      if (latest !== undefined && day < latest) throw new RangeError(`a snapshot of a later day exists (${latest})`);
      // Retaking today's snapshot: undo today's intervals first (one transaction with the first chunk would hold
      // the write lock too long on a large project; an interrupted write is redone by the next recompute).
      if (latest === day) db.transaction(() => (db.run(SQL.undoDay, projectId, day), db.run(SQL.reopen, projectId, day)));
      const open = new Map<string, { from: number; status: string; segments: string }>();
      for (const r of db.all(SQL.open, projectId) as StateRow[]) open.set(r.user_key, { from: r.from_day, status: r.status, segments: r.segments });
      const changes: Array<() => void> = [];
      for (const r of rows) {
        const segments = JSON.stringify(r.segments);
        const was = open.get(r.key);
        open.delete(r.key);
        if (was && was.status === r.status && was.segments === segments) continue;
        changes.push(() => {
          if (was) db.run(SQL.close, day, projectId, r.key, was.from);
          db.run(SQL.insertState, projectId, r.key, day, r.status, segments);
        });
      }
      for (const [key, was] of open) changes.push(() => db.run(SQL.close, day, projectId, key, was.from));
      for (let i = 0; i < changes.length; i += SNAPSHOT_CHUNK) {
        db.transaction(() => changes.slice(i, i + SNAPSHOT_CHUNK).forEach((f) => f()));
        if (i + SNAPSHOT_CHUNK < changes.length) await db.pause();
      }
      db.run(SQL.addDay, projectId, day);
    },
    async readSnapshot(projectId, day, page) {
      const at = (db.get(SQL.dayOnOrBefore, projectId, day)?.day ?? null) as number | null;
      if (at === null) return { day: null, rows: [] };
      const rows = db.all(SQL.readStates, projectId, page.afterKey, at, at, page.limit) as StateRow[];
      return { day: at, rows: rows.map((r): SnapshotRow => ({ key: r.user_key, status: r.status, segments: JSON.parse(r.segments) as string[] })) };
    },
    snapshotDays: async (projectId) => days(projectId),
    async putResult(projectId, kind, body, computedAtMs) {
      db.run(SQL.putResult, projectId, kind, computedAtMs, body);
    },
    async getResult(projectId, kind) {
      const row = db.get(SQL.getResult, projectId, kind) as { body: string; computed_at_ms: number } | undefined;
      return row ? { body: row.body, computedAtMs: row.computed_at_ms } : null;
    },
    eraseUsers(projectId, keys) {
      for (const key of keys) db.run(SQL.deleteActivity, projectId, key), db.run(SQL.eraseStates, projectId, key);
    },
  };
}
