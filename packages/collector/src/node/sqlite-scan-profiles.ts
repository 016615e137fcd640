/** The SQLite adapter's profile scan (reports): one indexed range read per page, on the primary key. */
import type Database from 'better-sqlite3';
import type { ScannedProfile, Storage } from '../storage/storage.js';

export function sqliteScanProfiles(db: Database.Database): NonNullable<Storage['scanProfiles']> {
  let statement: Database.Statement | undefined;
  return async (projectId, q) => {
    statement ??= db.prepare(`SELECT profile_key, updated_at_ms, facts FROM profiles
      WHERE project_id = ? AND profile_key > ? ORDER BY profile_key LIMIT ?`);
    const rows = statement.all(projectId, q.afterKey, q.limit) as Array<{ profile_key: string; updated_at_ms: number; facts: string }>;
    return rows.map((r): ScannedProfile => ({ key: r.profile_key, facts: JSON.parse(r.facts) as unknown, updatedAtMs: r.updated_at_ms }));
  };
}
