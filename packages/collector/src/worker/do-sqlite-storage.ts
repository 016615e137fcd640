/**
 * Storage adapter over a Durable Object's own SQLite database. The object runs one request at a time between
 * awaits, and `commitBatch` runs `applyBatch` inside one synchronous `transactionSync`, so a profile's
 * read-fold-write can never interleave with another batch's: no lost update, with no locks.
 */
import type { DurableObjectStorage } from 'cloudflare:workers';
import { applyBatch } from '../storage/apply-batch.js';
import { anonymousKey, userKey, type BatchTx } from '../storage/batch-tx.js';
import type { IdentityLink, ProfileQuery, ProfileView, ScannedProfile, Storage } from '../storage/storage.js';
import { doSegmentStore } from './do-segment-store.js';
import { doSql, type DoSql } from './do-sql.js';
import { doSqliteProjects } from './do-sqlite-projects.js';
import { migrateDurableObject } from './do-migrate.js';

type ProfileRow = { facts: string; version: number; updated_at_ms: number };
type EventRow = { seq: number; message_id: string; timestamp_ms: number; received_at_ms: number; original_timestamp: string | null; sent_at: string | null; payload: string };

const USER_EVENTS = `project_id = ? AND (user_id IN (SELECT value FROM json_each(?))
  OR (user_id IS NULL AND anonymous_id IN (SELECT value FROM json_each(?))))`;

function batchTx(db: DoSql, projectId: string, nowMs: number): BatchTx {
  return {
    insertEvent: (e) => db.run(`INSERT OR IGNORE INTO events (project_id, message_id, type, user_id, anonymous_id, name, timestamp_ms,
        original_timestamp, sent_at, received_at_ms, ip, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      projectId, e.messageId, e.type, e.userId ?? null, e.anonymousId ?? null, e.name ?? null, e.timestampMs,
      e.originalTimestamp ?? null, e.sentAt ?? null, e.receivedAtMs, e.ip ?? null, e.payload) > 0,
    getLink: (kind, id) => db.get<{ user_id: string }>('SELECT user_id FROM identity_links WHERE project_id = ? AND kind = ? AND id = ?', projectId, kind, id)?.user_id,
    putLink: (kind, id, userId) => void db.run(`INSERT INTO identity_links (project_id, kind, id, user_id, created_at_ms) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (project_id, kind, id) DO UPDATE SET user_id = excluded.user_id`, projectId, kind, id, userId, nowMs),
    repointLinks: (from, to) => void db.run('UPDATE identity_links SET user_id = ? WHERE project_id = ? AND user_id = ?', to, projectId, from),
    getProfile: (key) => {
      const row = db.get<ProfileRow>('SELECT facts, version FROM profiles WHERE project_id = ? AND profile_key = ?', projectId, key);
      return row ? { facts: JSON.parse(row.facts) as unknown, version: row.version } : undefined;
    },
    putProfile: (key, facts, version) => void db.run(`INSERT INTO profiles (project_id, profile_key, facts, version, updated_at_ms) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (project_id, profile_key) DO UPDATE SET facts = excluded.facts, version = excluded.version, updated_at_ms = excluded.updated_at_ms`,
      projectId, key, JSON.stringify(facts), version, nowMs),
    deleteProfile: (key) => void db.run('DELETE FROM profiles WHERE project_id = ? AND profile_key = ?', projectId, key),
  };
}

/** Migrates the object's database and returns the Storage over it (call once, in the object's constructor). */
export function createDoSqliteStorage(storage: DurableObjectStorage): Storage {
  migrateDurableObject(storage);
  const db = doSql(storage.sql);
  const segments = doSegmentStore(storage, db);
  /**
   * A Durable Object's output gate already holds every answer until the writes before it are durable; waiting
   * for `sync()` as well makes the guarantee explicit, also for callers outside a request.
   */
  const durable = () => storage.sync();

  const profileView = (projectId: string, key: string): ProfileView | null => {
    const row = db.get<ProfileRow>('SELECT facts, version, updated_at_ms FROM profiles WHERE project_id = ? AND profile_key = ?', projectId, key);
    if (!row) return null;
    const base = { facts: JSON.parse(row.facts) as unknown, factsJson: row.facts, version: row.version, updatedAtMs: row.updated_at_ms };
    return key.startsWith('u:') ? { userId: key.slice(2), ...base } : { anonymousId: key.slice(2), ...base };
  };
  const link = (projectId: string, kind: 'a' | 'u', id: string) =>
    db.get<{ user_id: string }>('SELECT user_id FROM identity_links WHERE project_id = ? AND kind = ? AND id = ?', projectId, kind, id)?.user_id;
  const readProfileNow = (projectId: string, who: ProfileQuery): ProfileView | null => {
    if ('userId' in who) return profileView(projectId, userKey(link(projectId, 'u', who.userId) ?? who.userId));
    const linked = who.followLinks ? link(projectId, 'a', who.anonymousId) : undefined;
    return profileView(projectId, linked !== undefined ? userKey(linked) : anonymousKey(who.anonymousId));
  };
  const idsOf = (projectId: string, userId: string) => {
    const rows = db.all<{ kind: 'a' | 'u'; id: string }>('SELECT kind, id FROM identity_links WHERE project_id = ? AND user_id = ?', projectId, userId);
    const links: IdentityLink[] = rows.map((r) => ({ kind: r.kind === 'a' ? 'anonymous' : 'user', id: r.id, userId }));
    const userIds = [userId, ...rows.filter((r) => r.kind === 'u').map((r) => r.id)];
    const anonymousIds = rows.filter((r) => r.kind === 'a').map((r) => r.id);
    return { links, userIds, anonymousIds };
  };

  return {
    ...doSqliteProjects(db, durable),
    async commitBatch(projectId, events, reducer) {
      const result = storage.transactionSync(() => applyBatch(batchTx(db, projectId, Date.now()), events, reducer));
      await durable();
      return result;
    },
    readProfileNow,
    readProfile: async (projectId, who) => readProfileNow(projectId, who),
    async exportUser(projectId, userId, page) {
      const { links, userIds, anonymousIds } = idsOf(projectId, userId);
      const rows = db.all<EventRow>(`SELECT seq, message_id, timestamp_ms, received_at_ms, original_timestamp, sent_at, payload FROM events
        WHERE ${USER_EVENTS} AND seq > ? ORDER BY seq LIMIT ?`, projectId, JSON.stringify(userIds), JSON.stringify(anonymousIds), page.afterSeq, page.limit);
      const events = rows.map((r) => ({
        seq: r.seq, messageId: r.message_id, timestampMs: r.timestamp_ms, receivedAtMs: r.received_at_ms,
        originalTimestamp: r.original_timestamp ?? undefined, sentAt: r.sent_at ?? undefined, payload: r.payload,
      }));
      const profile = profileView(projectId, userKey(userId));
      if (profile) delete profile.factsJson; // the export writes the profile as is
      return { events, profile, links };
    },
    async deleteUser(projectId, userId) {
      const erased = storage.transactionSync(() => {
        const { links, userIds, anonymousIds } = idsOf(projectId, userId);
        // Counted with RETURNING: `rowsWritten` would count index entries too.
        const events = db.all(`DELETE FROM events WHERE ${USER_EVENTS} RETURNING seq`, projectId, JSON.stringify(userIds), JSON.stringify(anonymousIds)).length;
        let profiles = 0;
        const keys = [...userIds.map(userKey), ...anonymousIds.map(anonymousKey)];
        for (const key of keys) {
          profiles += db.all('DELETE FROM profiles WHERE project_id = ? AND profile_key = ? RETURNING version', projectId, key).length;
        }
        segments.eraseUsers(projectId, keys); // their activity history and snapshot rows go too
        db.run('DELETE FROM identity_links WHERE project_id = ? AND user_id = ?', projectId, userId);
        return { events, profiles, identityLinks: links.length };
      });
      await durable();
      return erased;
    },
    async scanProfiles(projectId, q) {
      return db.all<{ profile_key: string; updated_at_ms: number; facts: string }>(`SELECT profile_key, updated_at_ms, facts FROM profiles
        WHERE project_id = ? AND profile_key > ? ORDER BY profile_key LIMIT ?`, projectId, q.afterKey, q.limit)
        .map((r): ScannedProfile => ({ key: r.profile_key, facts: JSON.parse(r.facts) as unknown, updatedAtMs: r.updated_at_ms }));
    },
    async scanEvents(projectId, q) {
      const rows = db.all<{ seq: number; name: string; user_id: string | null; anonymous_id: string | null; timestamp_ms: number; payload: string }>(
        `SELECT e.seq, e.name, COALESCE(e.user_id, l.user_id) AS user_id, e.anonymous_id, e.timestamp_ms, e.payload
        FROM events e LEFT JOIN identity_links l ON l.project_id = e.project_id AND l.kind = 'a' AND l.id = e.anonymous_id
        WHERE e.project_id = ? AND e.seq > ? AND e.name IN (SELECT value FROM json_each(?)) ORDER BY e.seq LIMIT ?`,
        projectId, q.afterSeq, JSON.stringify(q.names), q.limit);
      return rows.map((r) => ({
        seq: r.seq, name: r.name, timestampMs: r.timestamp_ms, payload: r.payload,
        ...(r.user_id !== null ? { userId: r.user_id } : {}), ...(r.anonymous_id !== null ? { anonymousId: r.anonymous_id } : {}),
      }));
    },
    async checkWrite(nowMs) {
      db.run('INSERT INTO health (id, checked_at_ms) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at_ms = excluded.checked_at_ms', nowMs);
      await durable();
    },
    segments,
    // The runtime owns the database: nothing to close.
    async close() {},
  };
}
