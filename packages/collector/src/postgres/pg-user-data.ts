/** Profile reads, a user's export and erasure on PostgreSQL (no cache: every read sees the last commit of any process). */
import type { Sql } from 'postgres';
import { anonymousKey, userKey } from '../storage/batch-tx.js';
import type { IdentityLink, ProfileView, Storage } from '../storage/storage.js';
import { withKeyLocks } from './pg-key-locks.js';

type UserDataMethods = Pick<Storage, 'readProfile' | 'exportUser' | 'deleteUser'>;
type ProfileRow = { profile_key: string; facts: string; version: number; updated_at_ms: number };

const toView = (r: ProfileRow | undefined): ProfileView | null => {
  if (!r) return null;
  const id = r.profile_key.slice(2);
  const facts = JSON.parse(r.facts) as unknown;
  const rest = { facts, factsJson: r.facts, version: r.version, updatedAtMs: r.updated_at_ms };
  return r.profile_key.startsWith('u:') ? { userId: id, ...rest } : { anonymousId: id, ...rest };
};

export function pgUserData(sql: Sql): UserDataMethods {
  const linksOf = async (projectId: string, userId: string) => {
    const rows = await sql<Array<{ kind: 'a' | 'u'; id: string }>>`SELECT kind, id FROM identity_links WHERE project_id = ${projectId} AND user_id = ${userId} ORDER BY kind, id`;
    const links: IdentityLink[] = rows.map((r) => ({ kind: r.kind === 'a' ? 'anonymous' : 'user', id: r.id, userId }));
    return { links, userIds: [userId, ...rows.filter((r) => r.kind === 'u').map((r) => r.id)], anonymousIds: rows.filter((r) => r.kind === 'a').map((r) => r.id) };
  };
  return {
    async readProfile(projectId, who) {
      // One statement: the link lookup and the profile read see the same snapshot.
      const rows = 'userId' in who
        ? await sql<ProfileRow[]>`SELECT profile_key, facts, version, updated_at_ms FROM profiles WHERE project_id = ${projectId} AND profile_key =
            'u:' || COALESCE((SELECT user_id FROM identity_links WHERE project_id = ${projectId} AND kind = 'u' AND id = ${who.userId}), ${who.userId})`
        : who.followLinks
          ? await sql<ProfileRow[]>`SELECT profile_key, facts, version, updated_at_ms FROM profiles WHERE project_id = ${projectId} AND profile_key =
              COALESCE('u:' || (SELECT user_id FROM identity_links WHERE project_id = ${projectId} AND kind = 'a' AND id = ${who.anonymousId}), ${anonymousKey(who.anonymousId)})`
          : await sql<ProfileRow[]>`SELECT profile_key, facts, version, updated_at_ms FROM profiles WHERE project_id = ${projectId} AND profile_key = ${anonymousKey(who.anonymousId)}`;
      return toView(rows[0]);
    },
    async exportUser(projectId, userId, page) {
      const { links, userIds, anonymousIds } = await linksOf(projectId, userId);
      const [rows, profile] = await Promise.all([
        sql<Array<{ seq: number; message_id: string; timestamp_ms: number; received_at_ms: number; original_timestamp: string | null; sent_at: string | null; payload: string }>>`
          SELECT seq, message_id, timestamp_ms, received_at_ms, original_timestamp, sent_at, payload FROM events
          WHERE project_id = ${projectId} AND seq > ${page.afterSeq}
            AND (user_id = ANY(${userIds}::text[]) OR (user_id IS NULL AND anonymous_id = ANY(${anonymousIds}::text[])))
          ORDER BY seq LIMIT ${page.limit}`,
        sql<ProfileRow[]>`SELECT profile_key, facts, version, updated_at_ms FROM profiles WHERE project_id = ${projectId} AND profile_key = ${userKey(userId)}`,
      ]);
      const view = toView(profile[0]);
      if (view) delete view.factsJson; // the export writes the profile as is
      const events = rows.map((r) => ({ seq: r.seq, messageId: r.message_id, timestampMs: r.timestamp_ms, receivedAtMs: r.received_at_ms,
        originalTimestamp: r.original_timestamp ?? undefined, sentAt: r.sent_at ?? undefined, payload: r.payload }));
      return { events, profile: view, links };
    },
    async deleteUser(projectId, userId) {
      // Under the same key locks as ingest: a batch for this user commits wholly before or after the erasure.
      return withKeyLocks(sql, projectId, [userKey(userId)], async (tx, lockMore) => {
        const rows = await tx<Array<{ kind: 'a' | 'u'; id: string }>>`SELECT kind, id FROM identity_links WHERE project_id = ${projectId} AND user_id = ${userId}`;
        const keys = [userKey(userId), ...rows.map((r) => `${r.kind}:${r.id}`)];
        await lockMore(keys);
        const userIds = [userId, ...rows.filter((r) => r.kind === 'u').map((r) => r.id)];
        const anonymousIds = rows.filter((r) => r.kind === 'a').map((r) => r.id);
        const [events, profiles] = await Promise.all([
          tx`DELETE FROM events WHERE project_id = ${projectId} AND (user_id = ANY(${userIds}::text[]) OR (user_id IS NULL AND anonymous_id = ANY(${anonymousIds}::text[])))`,
          tx`DELETE FROM profiles WHERE project_id = ${projectId} AND profile_key = ANY(${keys}::text[])`,
          tx`DELETE FROM identity_links WHERE project_id = ${projectId} AND user_id = ${userId}`,
        ]);
        return [{ events: events.count, profiles: profiles.count, identityLinks: rows.length }, Promise.resolve()];
      });
    },
  };
}
