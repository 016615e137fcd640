/** The SQLite adapter's scans for reports (analytics overview, nudge lift): read-only walks in key order. */
import type Database from 'better-sqlite3';
import type { ScannedProfile, Storage } from '../storage/storage.js';

export function sqliteReports(db: Database.Database): Required<Pick<Storage, 'scanProfiles' | 'scanEvents'>> {
  let profilesStatement: Database.Statement | undefined;
  let scanStatement: Database.Statement | undefined;
  return {
    async scanProfiles(projectId, q) {
      // One indexed range read per page, on the primary key.
      profilesStatement ??= db.prepare(`SELECT profile_key, updated_at_ms, facts FROM profiles
        WHERE project_id = ? AND profile_key > ? ORDER BY profile_key LIMIT ?`);
      const rows = profilesStatement.all(projectId, q.afterKey, q.limit) as Array<{ profile_key: string; updated_at_ms: number; facts: string }>;
      return rows.map((r): ScannedProfile => ({ key: r.profile_key, facts: JSON.parse(r.facts) as unknown, updatedAtMs: r.updated_at_ms }));
    },
    async scanEvents(projectId, q) {
      // Reports only (nudge lift): walks the project's events by seq; anonymous ids resolved through links.
      scanStatement ??= db.prepare(`SELECT e.seq, e.name, COALESCE(e.user_id, l.user_id) AS user_id, e.anonymous_id, e.timestamp_ms, e.payload
        FROM events e LEFT JOIN identity_links l ON l.project_id = e.project_id AND l.kind = 'a' AND l.id = e.anonymous_id
        WHERE e.project_id = @projectId AND e.seq > @afterSeq AND e.name IN (SELECT value FROM json_each(@names))
        ORDER BY e.seq LIMIT @limit`);
      const rows = scanStatement.all({ projectId, afterSeq: q.afterSeq, limit: q.limit, names: JSON.stringify(q.names) }) as Array<Record<string, string | number | null>>;
      return rows.map((r) => ({
        seq: r.seq as number, name: r.name as string, timestampMs: r.timestamp_ms as number, payload: r.payload as string,
        ...(r.user_id !== null ? { userId: r.user_id as string } : {}), ...(r.anonymous_id !== null ? { anonymousId: r.anonymous_id as string } : {}),
      }));
    },
  };
}
