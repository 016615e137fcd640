-- Waymark collector schema v1 for PostgreSQL: the tables and meaning of migrations/0001_init.sql (SQLite).
-- Times are epoch milliseconds (BIGINT); JSON columns are TEXT, stored and answered as the collector wrote them.

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  write_key TEXT NOT NULL UNIQUE,
  secret_key TEXT NOT NULL UNIQUE,
  cors_origins TEXT NOT NULL DEFAULT '[]',
  identity_verification BOOLEAN NOT NULL DEFAULT false,
  created_at_ms BIGINT NOT NULL
);

-- One row per accepted event; (project_id, message_id) is the dedupe key, kept forever.
-- seq is assigned at insert, not at commit: a reader paging by seq may see a lower seq commit after a higher one.
CREATE TABLE events (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  type TEXT NOT NULL,
  user_id TEXT,
  anonymous_id TEXT,
  name TEXT,
  timestamp_ms BIGINT NOT NULL,
  original_timestamp TEXT,
  sent_at TEXT,
  received_at_ms BIGINT NOT NULL,
  ip TEXT,
  payload TEXT NOT NULL,
  UNIQUE (project_id, message_id)
);
CREATE INDEX events_by_user ON events (project_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX events_by_anonymous ON events (project_id, anonymous_id) WHERE user_id IS NULL;

-- kind 'a' = anonymous id, 'u' = an aliased (previous) user id; user_id is the canonical user.
CREATE TABLE identity_links (
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (project_id, kind, id)
);
CREATE INDEX identity_links_by_user ON identity_links (project_id, user_id);

-- Per-user facts (JSON text), updated in the batch's transaction. profile_key = 'u:<userId>' | 'a:<anonymousId>'.
-- COLLATE "C": profile keys sort by code point, as in SQLite (scanProfiles pages in that order).
CREATE TABLE profiles (
  project_id TEXT NOT NULL,
  profile_key TEXT COLLATE "C" NOT NULL,
  version INTEGER NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  facts TEXT NOT NULL,
  PRIMARY KEY (project_id, profile_key)
);

-- Project configuration documents (status rules, onboarding, nudges, segments), versioned.
CREATE TABLE project_configs (
  project_id TEXT PRIMARY KEY,
  config TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

-- /healthz writes here to prove the write path works.
CREATE TABLE health (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  checked_at_ms BIGINT NOT NULL
);

-- PostgreSQL only: transaction-scoped advisory locks on a project's profile keys ('u:<id>' / 'a:<id>'), which
-- serialise the read-fold-write of the same profiles and identity links across collector processes.
-- waymark_lock_keys waits, always in ascending hash order (no deadlock between callers);
-- waymark_try_lock_keys never waits and answers false if any key is held elsewhere (the caller retries).
CREATE FUNCTION waymark_lock_keys(project TEXT, keys TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE h BIGINT;
BEGIN
  FOR h IN SELECT DISTINCT hashtextextended(project || '/' || k, 0) FROM unnest(keys) AS k ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(h);
  END LOOP;
END $$;

CREATE FUNCTION waymark_try_lock_keys(project TEXT, keys TEXT[]) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE h BIGINT;
BEGIN
  FOR h IN SELECT DISTINCT hashtextextended(project || '/' || k, 0) FROM unnest(keys) AS k ORDER BY 1 LOOP
    IF NOT pg_try_advisory_xact_lock(h) THEN RETURN false; END IF;
  END LOOP;
  RETURN true;
END $$;
