-- PostgreSQL only: delivery-gap accounting per device stream and SDK tab (src/ops/stream-gaps.ts), updated in each
-- batch's own transaction for the events it newly stored, so the counts are exact whatever collector process
-- stored each batch, and kept across restarts. missing = last_seq - first_seq + 1 - received.
-- No index but the key: the upsert of a busy tab changes no indexed column (HOT updates, hence the fillfactor);
-- totals are one aggregate over the table, kept small by pruning sequences not seen for the retention period
-- (postgres-storage.ts, default 30 days) into stream_totals_retired, so totals never go down.
CREATE TABLE stream_sequences (
  project_id TEXT NOT NULL,
  stream_id TEXT NOT NULL,
  tab TEXT NOT NULL,
  first_seq BIGINT NOT NULL,
  last_seq BIGINT NOT NULL,
  received BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL,
  PRIMARY KEY (project_id, stream_id, tab)
) WITH (fillfactor = 80);

-- Per project, the counts of the pruned sequences, frozen when they were pruned.
CREATE TABLE stream_totals_retired (
  project_id TEXT PRIMARY KEY,
  sequences BIGINT NOT NULL,
  generated BIGINT NOT NULL,
  received BIGINT NOT NULL,
  missing BIGINT NOT NULL,
  with_gaps BIGINT NOT NULL
);
