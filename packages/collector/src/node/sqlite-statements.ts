/** Prepared statements of the SQLite adapter, compiled once per connection. */
import type { Database, Statement } from 'better-sqlite3';

type StatementName =
  | 'insertProject'
  | 'updateProject'
  | 'projectById'
  | 'projectByWriteKey'
  | 'projectBySecretKey'
  | 'allProjects'
  | 'insertEvent'
  | 'getLink'
  | 'putLink'
  | 'repointLinks'
  | 'linksOfUser'
  | 'deleteLinksOfUser'
  | 'getProfile'
  | 'putProfile'
  | 'deleteProfile'
  | 'eventsOfUserIds'
  | 'deleteEventsOfUserIds'
  | 'getConfig'
  | 'putConfig'
  | 'health';

export function prepareStatements(db: Database): Record<StatementName, Statement> {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    insertProject: p(`INSERT INTO projects (id, name, write_key, secret_key, cors_origins, identity_verification, created_at_ms)
      VALUES (@id, @name, @writeKey, @secretKey, @corsOrigins, @identityVerification, @createdAtMs)`),
    updateProject: p(`UPDATE projects SET name = @name, write_key = @writeKey, secret_key = @secretKey,
      cors_origins = @corsOrigins, identity_verification = @identityVerification WHERE id = @id`),
    projectById: p('SELECT * FROM projects WHERE id = ?'),
    projectByWriteKey: p('SELECT * FROM projects WHERE write_key = ?'),
    projectBySecretKey: p('SELECT * FROM projects WHERE secret_key = ?'),
    allProjects: p('SELECT * FROM projects ORDER BY created_at_ms, id'),
    insertEvent: p(`INSERT OR IGNORE INTO events (project_id, message_id, type, user_id, anonymous_id, name, timestamp_ms,
      original_timestamp, sent_at, received_at_ms, ip, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    getLink: p('SELECT user_id FROM identity_links WHERE project_id = ? AND kind = ? AND id = ?').pluck(),
    putLink: p(`INSERT INTO identity_links (project_id, kind, id, user_id, created_at_ms) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (project_id, kind, id) DO UPDATE SET user_id = excluded.user_id`),
    repointLinks: p('UPDATE identity_links SET user_id = ? WHERE project_id = ? AND user_id = ?'),
    linksOfUser: p('SELECT kind, id FROM identity_links WHERE project_id = ? AND user_id = ?'),
    deleteLinksOfUser: p('DELETE FROM identity_links WHERE project_id = ? AND user_id = ?'),
    getProfile: p('SELECT facts, version, updated_at_ms FROM profiles WHERE project_id = ? AND profile_key = ?'),
    putProfile: p(`INSERT INTO profiles (project_id, profile_key, facts, version, updated_at_ms) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (project_id, profile_key) DO UPDATE SET facts = excluded.facts, version = excluded.version,
      updated_at_ms = excluded.updated_at_ms`),
    deleteProfile: p('DELETE FROM profiles WHERE project_id = ? AND profile_key = ?'),
    eventsOfUserIds: p(`SELECT seq, message_id, timestamp_ms, received_at_ms, original_timestamp, sent_at, payload FROM events
      WHERE project_id = @projectId AND seq > @afterSeq AND (user_id IN (SELECT value FROM json_each(@userIds))
        OR (user_id IS NULL AND anonymous_id IN (SELECT value FROM json_each(@anonymousIds))))
      ORDER BY seq LIMIT @limit`),
    deleteEventsOfUserIds: p(`DELETE FROM events WHERE project_id = @projectId AND (user_id IN (SELECT value FROM json_each(@userIds))
        OR (user_id IS NULL AND anonymous_id IN (SELECT value FROM json_each(@anonymousIds))))`),
    getConfig: p('SELECT config, version FROM project_configs WHERE project_id = ?'),
    putConfig: p(`INSERT INTO project_configs (project_id, config, version, updated_at_ms) VALUES (?, ?, 1, ?)
      ON CONFLICT (project_id) DO UPDATE SET config = excluded.config, version = version + 1, updated_at_ms = excluded.updated_at_ms
      RETURNING version`).pluck(),
    health: p(`INSERT INTO health (id, checked_at_ms) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at_ms = excluded.checked_at_ms`),
  };
}

