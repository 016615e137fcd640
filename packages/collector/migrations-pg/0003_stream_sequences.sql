-- PostgreSQL only: delivery-gap accounting per device stream and SDK tab (src/ops/stream-gaps.ts), updated in each
-- batch's own transaction for the events it newly stored, so the counts are exact whatever collector process
-- stored each batch, and kept across restarts. missing = last_seq - first_seq + 1 - received.
-- No index but the key: the upsert of a busy tab changes no indexed column (HOT updates, hence the fillfactor).
-- Sequences not seen for the retention period (postgres-storage.ts, default 30 days) are deleted; stream_totals
-- keeps their counts.
CREATE TABLE stream_sequences (
  project_id TEXT NOT NULL,
  stream_id TEXT NOT NULL,
  tab TEXT NOT NULL,
  first_seq BIGINT NOT NULL,
  last_seq BIGINT NOT NULL,
  received BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL,
  -- Scratch for the upsert: the row's generated and missing counts before it (0 when it inserted the row), so the
  -- same statement adds the change to stream_totals.
  prev_generated BIGINT NOT NULL DEFAULT 0,
  prev_missing BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, stream_id, tab)
) WITH (fillfactor = 80);

-- Per project, the totals over every sequence ever stored (pruned ones included), split over a few rows (shard =
-- a hash of the device stream) so concurrent batches of different devices rarely wait on the same row.
CREATE TABLE stream_totals (
  project_id TEXT NOT NULL,
  shard SMALLINT NOT NULL,
  sequences BIGINT NOT NULL,
  generated BIGINT NOT NULL,
  received BIGINT NOT NULL,
  missing BIGINT NOT NULL,
  with_gaps BIGINT NOT NULL,
  PRIMARY KEY (project_id, shard)
);
