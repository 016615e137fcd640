-- Waymark collector schema v1. Plain SQLite SQL shared by the better-sqlite3 and D1 adapters.

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  write_key TEXT NOT NULL UNIQUE,
  secret_key TEXT NOT NULL UNIQUE,
  cors_origins TEXT NOT NULL DEFAULT '[]',
  identity_verification INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL
);

-- One row per accepted event; (project_id, message_id) is the dedupe key, kept forever.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  project_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  type TEXT NOT NULL,
  user_id TEXT,
  anonymous_id TEXT,
  name TEXT,
  timestamp_ms INTEGER NOT NULL,
  original_timestamp TEXT,
  sent_at TEXT,
  received_at_ms INTEGER NOT NULL,
  ip TEXT,
  payload TEXT NOT NULL,
  UNIQUE (project_id, message_id)
);
CREATE INDEX events_by_user ON events (project_id, user_id) WHERE user_id IS NOT NULL;
-- Anonymous ids matter only for events without a user id (export and erasure of pre-identify events).
CREATE INDEX events_by_anonymous ON events (project_id, anonymous_id) WHERE user_id IS NULL;

-- kind 'a' = anonymous id, 'u' = an aliased (previous) user id; user_id is the canonical user.
CREATE TABLE identity_links (
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  PRIMARY KEY (project_id, kind, id)
) WITHOUT ROWID;
CREATE INDEX identity_links_by_user ON identity_links (project_id, user_id);

-- Per-user facts, updated incrementally in the batch's transaction. profile_key = 'u:<userId>' | 'a:<anonymousId>'.
CREATE TABLE profiles (
  project_id TEXT NOT NULL,
  profile_key TEXT NOT NULL,
  facts TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  PRIMARY KEY (project_id, profile_key)
) WITHOUT ROWID;

-- Project configuration documents (status rules, onboarding, nudges, segments), versioned.
CREATE TABLE project_configs (
  project_id TEXT PRIMARY KEY,
  config TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);

-- /healthz writes here to prove the write path works.
CREATE TABLE health (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  checked_at_ms INTEGER NOT NULL
);
