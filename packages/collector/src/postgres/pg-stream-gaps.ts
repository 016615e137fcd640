/**
 * Delivery-gap counts on PostgreSQL (see ops/stream-gaps.ts and migrations-pg/0003_stream_sequences.sql): in the
 * batch's own transaction, one statement upserts its tab sequences and adds the change to the project's totals.
 */
import type { ReservedSql, Sql } from 'postgres';
import { groupSequences, type StreamGapStore, type StreamSequence } from '../ops/stream-gaps.js';
import type { StoredEvent } from '../storage/storage.js';

/** Rows of `stream_totals` per project. */
const TOTALS_SHARDS = 16;

/** The totals row a device stream's changes go to (FNV-1a): one device's batches always meet on the same row. */
function totalsShard(streamId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < streamId.length; i++) h = Math.imul(h ^ streamId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % TOTALS_SHARDS;
}

/** In the batch's transaction: adds the events it newly stored (`inserted` messageIds) to their sequences and totals. */
export function recordSequencesPg(tx: ReservedSql, projectId: string, events: readonly StoredEvent[],
  inserted: ReadonlySet<string>, nowMs: number): Promise<unknown> | undefined {
  const fresh = new Set(inserted);
  const groups = groupSequences(events, (id) => !fresh.delete(id)); // the first event with each new messageId
  if (groups.length === 0) return undefined;
  // Rows are locked in this order, the totals row last: two batches never wait on each other in a cycle.
  groups.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.tab < b.tab ? -1 : a.tab > b.tab ? 1 : 0));
  const col = <K extends keyof (typeof groups)[number]>(k: K) => groups.map((g) => g[k]);
  const received = groups.reduce((n, g) => n + g.received, 0);
  // SET expressions read the row as it was: the change (new minus prev) is what the totals gain.
  return tx`WITH up AS (
      INSERT INTO stream_sequences AS s (project_id, stream_id, tab, first_seq, last_seq, received, last_seen_ms)
      SELECT ${projectId}, *, ${nowMs} FROM unnest(${col('streamId')}::text[], ${col('tab')}::text[], ${col('firstSeq')}::bigint[],
        ${col('lastSeq')}::bigint[], ${col('received')}::bigint[])
      ON CONFLICT (project_id, stream_id, tab) DO UPDATE SET first_seq = LEAST(s.first_seq, excluded.first_seq),
        last_seq = GREATEST(s.last_seq, excluded.last_seq), received = s.received + excluded.received,
        last_seen_ms = GREATEST(s.last_seen_ms, excluded.last_seen_ms),
        prev_generated = s.last_seq - s.first_seq + 1, prev_missing = GREATEST(0, s.last_seq - s.first_seq + 1 - s.received)
      RETURNING last_seq - first_seq + 1 AS generated, GREATEST(0, last_seq - first_seq + 1 - received) AS missing, prev_generated, prev_missing)
    INSERT INTO stream_totals AS t (project_id, shard, sequences, generated, received, missing, with_gaps)
    SELECT ${projectId}, ${totalsShard(groups[0]!.streamId)}, count(*) FILTER (WHERE prev_generated = 0), sum(generated - prev_generated),
      ${received}, sum(missing - prev_missing), sum((missing > 0)::int - (prev_missing > 0)::int) FROM up
    ON CONFLICT (project_id, shard) DO UPDATE SET sequences = t.sequences + excluded.sequences, generated = t.generated + excluded.generated,
      received = t.received + excluded.received, missing = t.missing + excluded.missing, with_gaps = t.with_gaps + excluded.with_gaps`;
}

type TotalsRow = { project_id: string; sequences: number; generated: number; received: number; missing: number; with_gaps: number };
type SequenceRow = { stream_id: string; tab: string; first_seq: number; last_seq: number; received: number; missing: number; last_seen_ms: number };

/** The store read by /metrics and the admin route, and `prune`, which deletes old sequences (their counts stay in the totals). */
export function pgStreamGaps(sql: Sql, retentionMs: number): StreamGapStore & { prune(nowMs: number): Promise<number> } {
  return {
    async totals(projectId) {
      const rows = await sql<TotalsRow[]>`SELECT project_id, sum(sequences)::int8 AS sequences, sum(generated)::int8 AS generated,
          sum(received)::int8 AS received, sum(missing)::int8 AS missing, sum(with_gaps)::int8 AS with_gaps
        FROM stream_totals ${projectId === undefined ? sql`` : sql`WHERE project_id = ${projectId}`} GROUP BY project_id ORDER BY project_id`;
      return new Map(rows.map((r) => [r.project_id, { sequences: r.sequences, generated: r.generated, received: r.received, missing: r.missing, withGaps: r.with_gaps }]));
    },
    async sequences(projectId, onlyGaps, limit) {
      const rows = await sql<SequenceRow[]>`SELECT stream_id, tab, first_seq, last_seq, received, last_seen_ms,
          GREATEST(0, last_seq - first_seq + 1 - received) AS missing
        FROM stream_sequences WHERE project_id = ${projectId} ${onlyGaps ? sql`AND last_seq - first_seq + 1 > received` : sql``}
        ORDER BY missing DESC, last_seen_ms DESC LIMIT ${limit}`;
      return rows.map((r): StreamSequence => ({ projectId, streamId: r.stream_id, tab: r.tab, firstSeq: r.first_seq, lastSeq: r.last_seq,
        received: r.received, missing: r.missing, lastSeenMs: r.last_seen_ms }));
    },
    /** Deletes the sequences not seen since `nowMs - retentionMs`; answers how many. */
    async prune(nowMs) {
      return (await sql`DELETE FROM stream_sequences WHERE last_seen_ms < ${nowMs - retentionMs}`).count;
    },
  };
}
