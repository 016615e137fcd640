/** The PostgreSQL adapter's scans for reports (analytics overview, nudge lift): read-only walks in key order. */
import type { Sql } from 'postgres';
import type { Storage } from '../storage/storage.js';

export function pgReports(sql: Sql): Required<Pick<Storage, 'scanProfiles' | 'scanEvents'>> {
  return {
    async scanProfiles(projectId, q) {
      const rows = await sql<Array<{ profile_key: string; updated_at_ms: number; facts: string }>>`SELECT profile_key, updated_at_ms, facts
        FROM profiles WHERE project_id = ${projectId} AND profile_key > ${q.afterKey} ORDER BY profile_key LIMIT ${q.limit}`;
      return rows.map((r) => ({ key: r.profile_key, facts: JSON.parse(r.facts) as unknown, updatedAtMs: r.updated_at_ms }));
    },
    async scanEvents(projectId, q) {
      const rows = await sql<Array<{ seq: number; name: string; user_id: string | null; anonymous_id: string | null; timestamp_ms: number; payload: string }>>`
        SELECT e.seq, e.name, COALESCE(e.user_id, l.user_id) AS user_id, e.anonymous_id, e.timestamp_ms, e.payload
        FROM events e LEFT JOIN identity_links l ON l.project_id = e.project_id AND l.kind = 'a' AND l.id = e.anonymous_id
        WHERE e.project_id = ${projectId} AND e.seq > ${q.afterSeq} AND e.name = ANY(${q.names}::text[])
        ORDER BY e.seq LIMIT ${q.limit}`;
      return rows.map((r) => ({
        seq: r.seq, name: r.name, timestampMs: r.timestamp_ms, payload: r.payload,
        ...(r.user_id !== null ? { userId: r.user_id } : {}), ...(r.anonymous_id !== null ? { anonymousId: r.anonymous_id } : {}),
      }));
    },
  };
}
