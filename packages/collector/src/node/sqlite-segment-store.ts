/** The SQLite adapter's population-segment store (see segment-store.ts and migration 0015). */
import type Database from 'better-sqlite3';
import { decodeDays, encodeDays } from '../segments/activity.js';
import type { ActivityScanRow, SegmentStore, SnapshotRow } from '../storage/segment-store.js';

/** Rows changed per transaction when a snapshot is written, so ingest's commits interleave. */
const SNAPSHOT_CHUNK = 1000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function sqliteSegmentStore(db: Database.Database): SegmentStore & { eraseUsers(projectId: string, keys: readonly string[]): void } {
  const q = {
    scan: db.prepare(`SELECT e.seq, e.type, e.name, e.anonymous_id, e.timestamp_ms, COALESCE(lu.user_id, e.user_id, la.user_id) AS user_id
      FROM events e
      LEFT JOIN identity_links lu ON e.user_id IS NOT NULL AND lu.project_id = e.project_id AND lu.kind = 'u' AND lu.id = e.user_id
      LEFT JOIN identity_links la ON e.user_id IS NULL AND la.project_id = e.project_id AND la.kind = 'a' AND la.id = e.anonymous_id
      WHERE e.project_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`),
    readActivity: db.prepare('SELECT user_key, first_day, base_day, bits FROM segment_activity WHERE project_id = ? AND user_key > ? ORDER BY user_key LIMIT ?'),
    putActivity: db.prepare('INSERT OR REPLACE INTO segment_activity (project_id, user_key, first_day, base_day, bits) VALUES (?, ?, ?, ?, ?)'),
    deleteActivity: db.prepare('DELETE FROM segment_activity WHERE project_id = ? AND user_key = ?'),
    getMark: db.prepare('SELECT seq, time_zone FROM segment_activity_marks WHERE project_id = ?'),
    putMark: db.prepare('INSERT OR REPLACE INTO segment_activity_marks (project_id, seq, time_zone) VALUES (?, ?, ?)'),
    clearActivity: db.prepare('DELETE FROM segment_activity WHERE project_id = ?'),
    clearMark: db.prepare('DELETE FROM segment_activity_marks WHERE project_id = ?'),
    days: db.prepare('SELECT day FROM segment_snapshot_days WHERE project_id = ? ORDER BY day').pluck(),
    dayOnOrBefore: db.prepare('SELECT MAX(day) FROM segment_snapshot_days WHERE project_id = ? AND day <= ?').pluck(),
    addDay: db.prepare('INSERT OR IGNORE INTO segment_snapshot_days (project_id, day) VALUES (?, ?)'),
    undoDay: db.prepare('DELETE FROM segment_states WHERE project_id = ? AND from_day = ?'),
    reopen: db.prepare('UPDATE segment_states SET to_day = NULL WHERE project_id = ? AND to_day = ?'),
    open: db.prepare('SELECT user_key, from_day, status, segments FROM segment_states WHERE project_id = ? AND to_day IS NULL'),
    close: db.prepare('UPDATE segment_states SET to_day = ? WHERE project_id = ? AND user_key = ? AND from_day = ?'),
    insertState: db.prepare('INSERT INTO segment_states (project_id, user_key, from_day, to_day, status, segments) VALUES (?, ?, ?, NULL, ?, ?)'),
    readStates: db.prepare(`SELECT user_key, status, segments FROM segment_states
      WHERE project_id = ? AND user_key > ? AND from_day <= ? AND (to_day IS NULL OR to_day > ?) ORDER BY user_key LIMIT ?`),
    putResult: db.prepare('INSERT OR REPLACE INTO segment_results (project_id, kind, computed_at_ms, body) VALUES (?, ?, ?, ?)'),
    getResult: db.prepare('SELECT body, computed_at_ms FROM segment_results WHERE project_id = ? AND kind = ?'),
    eraseActivity: db.prepare('DELETE FROM segment_activity WHERE project_id = ? AND user_key = ?'),
    eraseStates: db.prepare('DELETE FROM segment_states WHERE project_id = ? AND user_key = ?'),
  };

  return {
    async scanActivity(projectId, page) {
      const rows = q.scan.all(projectId, page.afterSeq, page.limit) as Array<Record<string, string | number | null>>;
      return rows.map((r): ActivityScanRow => ({
        seq: r.seq as number, type: r.type as string, timestampMs: r.timestamp_ms as number,
        key: r.user_id !== null ? `u:${r.user_id as string}` : `a:${r.anonymous_id as string}`,
        ...(r.anonymous_id !== null ? { anonymousId: r.anonymous_id as string } : {}), ...(r.name !== null ? { name: r.name as string } : {}),
      }));
    },
    async readActivity(projectId, page) {
      const rows = q.readActivity.all(projectId, page.afterKey, page.limit) as Array<{ user_key: string; first_day: number; base_day: number; bits: Buffer }>;
      return rows.map((r) => ({ key: r.user_key, first: r.first_day, days: decodeDays(r.base_day, r.bits) }));
    },
    async writeActivity(projectId, rows, removed) {
      db.transaction(() => {
        for (const r of rows) q.putActivity.run(projectId, r.key, r.first, r.days[0] ?? r.first, Buffer.from(encodeDays(r.days)));
        for (const key of removed) q.deleteActivity.run(projectId, key);
      }).immediate();
    },
    async readActivityMark(projectId) {
      const row = q.getMark.get(projectId) as { seq: number; time_zone: string } | undefined;
      return row ? { seq: row.seq, timeZone: row.time_zone } : null;
    },
    async setActivityMark(projectId, mark) {
      q.putMark.run(projectId, mark.seq, mark.timeZone);
    },
    async clearActivity(projectId) {
      db.transaction(() => {
        q.clearActivity.run(projectId);
        q.clearMark.run(projectId);
      }).immediate();
    },
    async putSnapshot(projectId, day, rows) {
      const days = q.days.all(projectId) as number[];
      const latest = days[days.length - 1];
      if (latest !== undefined && day < latest) throw new RangeError(`a snapshot of a later day exists (${latest})`);
      // Retaking today's snapshot: undo today's intervals first (one transaction with the first chunk would hold
      // the write lock too long on a large project; an interrupted write is redone by the next recompute).
      if (latest === day) db.transaction(() => (q.undoDay.run(projectId, day), q.reopen.run(projectId, day))).immediate();
      const open = new Map<string, { from: number; status: string; segments: string }>();
      for (const r of q.open.iterate(projectId) as Iterable<{ user_key: string; from_day: number; status: string; segments: string }>) {
        open.set(r.user_key, { from: r.from_day, status: r.status, segments: r.segments });
      }
      const changes: Array<() => void> = [];
      for (const r of rows) {
        const segments = JSON.stringify(r.segments);
        const was = open.get(r.key);
        open.delete(r.key);
        if (was && was.status === r.status && was.segments === segments) continue;
        changes.push(() => {
          if (was) q.close.run(day, projectId, r.key, was.from);
          q.insertState.run(projectId, r.key, day, r.status, segments);
        });
      }
      for (const [key, was] of open) changes.push(() => q.close.run(day, projectId, key, was.from));
      for (let i = 0; i < changes.length; i += SNAPSHOT_CHUNK) {
        db.transaction(() => changes.slice(i, i + SNAPSHOT_CHUNK).forEach((f) => f())).immediate();
        if (i + SNAPSHOT_CHUNK < changes.length) await yieldToEventLoop();
      }
      q.addDay.run(projectId, day);
    },
    async readSnapshot(projectId, day, page) {
      const at = q.dayOnOrBefore.get(projectId, day) as number | null;
      if (at === null) return { day: null, rows: [] };
      const rows = q.readStates.all(projectId, page.afterKey, at, at, page.limit) as Array<{ user_key: string; status: string; segments: string }>;
      return { day: at, rows: rows.map((r): SnapshotRow => ({ key: r.user_key, status: r.status, segments: JSON.parse(r.segments) as string[] })) };
    },
    async snapshotDays(projectId) {
      return q.days.all(projectId) as number[];
    },
    async putResult(projectId, kind, body, computedAtMs) {
      q.putResult.run(projectId, kind, computedAtMs, body);
    },
    async getResult(projectId, kind) {
      const row = q.getResult.get(projectId, kind) as { body: string; computed_at_ms: number } | undefined;
      return row ? { body: row.body, computedAtMs: row.computed_at_ms } : null;
    },
    eraseUsers(projectId, keys) {
      for (const key of keys) q.eraseActivity.run(projectId, key), q.eraseStates.run(projectId, key);
    },
  };
}
