/**
 * The unit of work on PostgreSQL: lock the batch's profile keys, insert its events (`ON CONFLICT DO NOTHING
 * RETURNING`: the new ones), read their identity links and profiles, fold with the shared `applyBatch` over that
 * snapshot, write the plan and the new events' tab sequences (pg-stream-gaps.ts) back (pipelined with COMMIT by
 * `withKeyLocks`); the caller answers once COMMIT has returned (synchronous_commit=on: durable).
 */
import type { ReservedSql, Sql } from 'postgres';
import { applyBatch } from '../storage/apply-batch.js';
import { userKey } from '../storage/batch-tx.js';
import { batchKeys, createPrefetchedTx, type BatchWrites } from '../storage/prefetched-batch-tx.js';
import type { CommitResult, FactsReducer, FactsValue, StoredEvent } from '../storage/storage.js';
import { withKeyLocks } from './pg-key-locks.js';
import { recordSequencesPg } from './pg-stream-gaps.js';

type ProfileRow = { profile_key: string; facts: string; version: number };

export async function commitBatchPg(sql: Sql, projectId: string, events: StoredEvent[], reducer: FactsReducer): Promise<CommitResult> {
  const keys = batchKeys(events);
  return withKeyLocks(sql, projectId, keys, async (tx, lockMore) => {
    const [inserted, links, profiles] = await Promise.all([
      insertEvents(tx, projectId, events),
      tx<Array<{ key: string; user_id: string }>>`SELECT kind || ':' || id AS key, user_id FROM identity_links
        WHERE project_id = ${projectId} AND (kind, id) IN (SELECT left(k, 1), substr(k, 3) FROM unnest(${keys}::text[]) AS k)`,
      readProfiles(tx, projectId, keys),
    ]);
    const known = new Set(keys);
    const profileMap = new Map(profiles.map((r) => [r.profile_key, r]));
    // The users that anonymous ids (or aliased ids) of this batch are linked to: their profiles are read in the
    // round trip that tries their locks, after it (a failed try throws, and the transaction starts again).
    const targets = [...new Set(links.map((r) => userKey(r.user_id)))].filter((k) => !known.has(k));
    if (targets.length > 0) {
      const [, linked] = await Promise.all([lockMore(targets), readProfiles(tx, projectId, targets)]);
      for (const k of targets) known.add(k);
      for (const r of linked) profileMap.set(r.profile_key, r);
    }
    const insertedIds = new Set(inserted.map((r) => r.message_id));
    const { tx: view, writes } = createPrefetchedTx({
      keys: known,
      inserted: insertedIds,
      links: new Map(links.map((r) => [r.key, r.user_id])),
      profiles: new Map([...profileMap].map(([k, r]) => [k, { facts: JSON.parse(r.facts) as FactsValue, version: r.version }])),
    });
    const result = applyBatch(view, events, reducer);
    const nowMs = Date.now();
    return [result, Promise.all([writePlan(tx, projectId, writes, nowMs), recordSequencesPg(tx, projectId, events, insertedIds, nowMs)])];
  });
}

const readProfiles = (tx: ReservedSql, projectId: string, keys: string[]) =>
  tx<ProfileRow[]>`SELECT profile_key, facts, version FROM profiles WHERE project_id = ${projectId} AND profile_key = ANY(${keys}::text[])`;

/** One multi-row insert for the batch's first event with each messageId; answers the ones that were new. */
function insertEvents(tx: ReservedSql, projectId: string, events: StoredEvent[]) {
  const seen = new Set<string>();
  const unique = events.filter((e) => !seen.has(e.messageId) && seen.add(e.messageId));
  const col = <K extends keyof StoredEvent>(k: K) => unique.map((e) => e[k] ?? null);
  return tx<Array<{ message_id: string }>>`INSERT INTO events (project_id, message_id, type, user_id, anonymous_id, name,
      timestamp_ms, original_timestamp, sent_at, received_at_ms, ip, payload)
    SELECT ${projectId}, * FROM unnest(${col('messageId')}::text[], ${col('type')}::text[], ${col('userId')}::text[],
      ${col('anonymousId')}::text[], ${col('name')}::text[], ${col('timestampMs')}::bigint[], ${col('originalTimestamp')}::text[],
      ${col('sentAt')}::text[], ${col('receivedAtMs')}::bigint[], ${col('ip')}::text[], ${col('payload')}::text[])
    ON CONFLICT (project_id, message_id) DO NOTHING RETURNING message_id`;
}

/** Profiles upserted and deleted in one statement each; link writes in order, consecutive puts in one statement. */
function writePlan(tx: ReservedSql, projectId: string, writes: BatchWrites, nowMs: number): Promise<unknown> {
  const put = [...writes.profiles].filter((e): e is [string, { facts: FactsValue; version: number }] => e[1] !== null);
  const gone = [...writes.profiles].filter(([, p]) => p === null).map(([k]) => k);
  const statements: Array<Promise<unknown>> = [];
  if (put.length > 0) {
    statements.push(tx`INSERT INTO profiles (project_id, profile_key, version, updated_at_ms, facts)
      SELECT ${projectId}, * FROM unnest(${put.map(([k]) => k)}::text[], ${put.map(([, p]) => p.version)}::int[], ${put.map(() => nowMs)}::bigint[],
        ${put.map(([, p]) => JSON.stringify(p.facts))}::text[])
      ON CONFLICT (project_id, profile_key) DO UPDATE SET version = excluded.version, updated_at_ms = excluded.updated_at_ms, facts = excluded.facts`);
  }
  if (gone.length > 0) statements.push(tx`DELETE FROM profiles WHERE project_id = ${projectId} AND profile_key = ANY(${gone}::text[])`);
  let puts = new Map<string, { kind: string; id: string; userId: string }>();
  const flushPuts = () => {
    if (puts.size === 0) return;
    const rows = [...puts.values()];
    statements.push(tx`INSERT INTO identity_links (project_id, kind, id, user_id, created_at_ms)
      SELECT ${projectId}, *, ${nowMs} FROM unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.userId)}::text[])
      ON CONFLICT (project_id, kind, id) DO UPDATE SET user_id = excluded.user_id`);
    puts = new Map();
  };
  for (const w of writes.links) {
    if (w.op === 'put') {
      puts.set(`${w.kind}:${w.id}`, w);
      continue;
    }
    flushPuts();
    statements.push(tx`UPDATE identity_links SET user_id = ${w.to} WHERE project_id = ${projectId} AND user_id = ${w.from}`);
  }
  flushPuts();
  return Promise.all(statements);
}
