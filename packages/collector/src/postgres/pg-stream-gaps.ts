/**
 * Delivery-gap counts on PostgreSQL (see ops/stream-gaps.ts and migrations-pg/0003_stream_sequences.sql): one
 * upsert per tab sequence in the batch's own transaction, for the events it newly stored; reads by aggregate.
 */
import type { ReservedSql, Sql } from 'postgres';
import { groupSequences, type StreamGapStore, type StreamSequence, type StreamTotals } from '../ops/stream-gaps.js';
import type { StoredEvent } from '../storage/storage.js';

/** In the batch's transaction: adds the events it newly stored (`inserted` messageIds) to their sequences. */
export function recordSequencesPg(tx: ReservedSql, projectId: string, events: readonly StoredEvent[],
  inserted: ReadonlySet<string>, nowMs: number): Promise<unknown> | undefined {
  const fresh = new Set(inserted);
  const groups = groupSequences(events, (id) => !fresh.delete(id)); // the first event with each new messageId
  if (groups.length === 0) return undefined;
  // Rows are locked in this order: two batches touching the same sequences never wait on each other in a cycle.
  groups.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.tab < b.tab ? -1 : a.tab > b.tab ? 1 : 0));
  const col = <K extends keyof (typeof groups)[number]>(k: K) => groups.map((g) => g[k]);
  return tx`INSERT INTO stream_sequences (project_id, stream_id, tab, first_seq, last_seq, received, last_seen_ms)
    SELECT ${projectId}, *, ${nowMs} FROM unnest(${col('streamId')}::text[], ${col('tab')}::text[], ${col('firstSeq')}::bigint[],
      ${col('lastSeq')}::bigint[], ${col('received')}::bigint[])
    ON CONFLICT (project_id, stream_id, tab) DO UPDATE SET first_seq = LEAST(stream_sequences.first_seq, excluded.first_seq),
      last_seq = GREATEST(stream_sequences.last_seq, excluded.last_seq), received = stream_sequences.received + excluded.received,
      last_seen_ms = GREATEST(stream_sequences.last_seen_ms, excluded.last_seen_ms)`;
}

type TotalsRow = { project_id: string; sequences: number; generated: number; received: number; missing: number; with_gaps: number };
type SequenceRow = { stream_id: string; tab: string; first_seq: number; last_seq: number; received: number; missing: number; last_seen_ms: number };

/** The store read by /metrics and the admin route, and `prune`, which folds old sequences into the retired totals. */
export function pgStreamGaps(sql: Sql, retentionMs: number): StreamGapStore & { prune(nowMs: number): Promise<number> } {
  return {
    async totals(projectId) {
      const where = projectId === undefined ? sql`` : sql`WHERE project_id = ${projectId}`;
      const rows = await sql<TotalsRow[]>`SELECT project_id, sum(sequences)::int8 AS sequences, sum(generated)::int8 AS generated,
          sum(received)::int8 AS received, sum(missing)::int8 AS missing, sum(with_gaps)::int8 AS with_gaps
        FROM (SELECT project_id, count(*) AS sequences, sum(last_seq - first_seq + 1) AS generated, sum(received) AS received,
            sum(GREATEST(0, last_seq - first_seq + 1 - received)) AS missing, count(*) FILTER (WHERE last_seq - first_seq + 1 > received) AS with_gaps
          FROM stream_sequences ${where} GROUP BY project_id
          UNION ALL SELECT project_id, sequences, generated, received, missing, with_gaps FROM stream_totals_retired ${where}) t
        GROUP BY project_id ORDER BY project_id`;
      return new Map(rows.map((r) => [r.project_id, { sequences: r.sequences, generated: r.generated, received: r.received, missing: r.missing, withGaps: r.with_gaps } satisfies StreamTotals]));
    },
    async sequences(projectId, onlyGaps, limit) {
      const rows = await sql<SequenceRow[]>`SELECT stream_id, tab, first_seq, last_seq, received, last_seen_ms,
          GREATEST(0, last_seq - first_seq + 1 - received) AS missing
        FROM stream_sequences WHERE project_id = ${projectId} ${onlyGaps ? sql`AND last_seq - first_seq + 1 > received` : sql``}
        ORDER BY missing DESC, last_seen_ms DESC LIMIT ${limit}`;
      return rows.map((r): StreamSequence => ({ projectId, streamId: r.stream_id, tab: r.tab, firstSeq: r.first_seq, lastSeq: r.last_seq,
        received: r.received, missing: r.missing, lastSeenMs: r.last_seen_ms }));
    },
    /** Deletes the sequences not seen since `nowMs - retentionMs`, their counts added to the retired totals; answers how many. */
    async prune(nowMs) {
      const [row] = await sql<Array<{ n: number }>>`WITH gone AS (DELETE FROM stream_sequences WHERE last_seen_ms < ${nowMs - retentionMs}
          RETURNING project_id, first_seq, last_seq, received),
        kept AS (INSERT INTO stream_totals_retired (project_id, sequences, generated, received, missing, with_gaps)
          SELECT project_id, count(*), sum(last_seq - first_seq + 1), sum(received), sum(GREATEST(0, last_seq - first_seq + 1 - received)),
            count(*) FILTER (WHERE last_seq - first_seq + 1 > received) FROM gone GROUP BY project_id
          ON CONFLICT (project_id) DO UPDATE SET sequences = stream_totals_retired.sequences + excluded.sequences,
            generated = stream_totals_retired.generated + excluded.generated, received = stream_totals_retired.received + excluded.received,
            missing = stream_totals_retired.missing + excluded.missing, with_gaps = stream_totals_retired.with_gaps + excluded.with_gaps)
        SELECT count(*)::int8 AS n FROM gone`;
      return row?.n ?? 0;
    },
  };
}
