-- Population segments (issue 11): per-user activity histories, daily status/segment snapshots, precomputed results.

-- One row per user: local day first seen and a bitmap of active local days from base_day (bit i = base_day + i).
CREATE TABLE segment_activity (
  project_id TEXT NOT NULL,
  user_key TEXT NOT NULL,
  first_day INTEGER NOT NULL,
  base_day INTEGER NOT NULL,
  bits BLOB NOT NULL,
  PRIMARY KEY (project_id, user_key)
) WITHOUT ROWID;

-- How far the histories have folded the events table, and in which time zone.
CREATE TABLE segment_activity_marks (
  project_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  time_zone TEXT NOT NULL
);

-- Daily snapshots stored as intervals: a user's state (status, custom segments) holds from from_day until the day
-- before to_day (NULL = still current). A snapshot of day D is every row with from_day <= D < to_day, so an
-- unchanged user costs nothing per day.
CREATE TABLE segment_states (
  project_id TEXT NOT NULL,
  user_key TEXT NOT NULL,
  from_day INTEGER NOT NULL,
  to_day INTEGER,
  status TEXT NOT NULL,
  segments TEXT NOT NULL,
  PRIMARY KEY (project_id, user_key, from_day)
) WITHOUT ROWID;

CREATE TABLE segment_snapshot_days (
  project_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  PRIMARY KEY (project_id, day)
) WITHOUT ROWID;

-- Precomputed model results per project (JSON), one row per kind.
CREATE TABLE segment_results (
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  computed_at_ms INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (project_id, kind)
);
