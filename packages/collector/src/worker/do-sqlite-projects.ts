/** The Durable Object adapter's projects and their rule configs (small tables, read through plain SQL). */
import type { Project, Storage } from '../storage/storage.js';
import type { DoSql } from './do-sql.js';

type ProjectMethods = Pick<Storage, 'createProject' | 'listProjects' | 'findProjectByWriteKey' | 'findProjectBySecretKey' | 'updateProject' | 'getProjectConfig' | 'putProjectConfig'>;

type ProjectRow = {
  id: string; name: string; write_key: string; secret_key: string; cors_origins: string; identity_verification: number; created_at_ms: number;
};

const toProject = (r: ProjectRow | undefined): Project | null =>
  r ? { id: r.id, name: r.name, writeKey: r.write_key, secretKey: r.secret_key, corsOrigins: JSON.parse(r.cors_origins) as string[],
    identityVerification: r.identity_verification === 1, createdAtMs: r.created_at_ms } : null;

/**
 * @param db the object's SQL
 * @param durable resolves once the writes made so far are durable (every write answers only after it)
 */
export function doSqliteProjects(db: DoSql, durable: () => Promise<void>): ProjectMethods {
  const byColumn = (column: 'id' | 'write_key' | 'secret_key', value: string) =>
    toProject(db.get<ProjectRow>(`SELECT * FROM projects WHERE ${column} = ?`, value));
  return {
    async createProject(input) {
      const p: Project = { corsOrigins: [], identityVerification: false, ...input, createdAtMs: Date.now() };
      db.run(`INSERT INTO projects (id, name, write_key, secret_key, cors_origins, identity_verification, created_at_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?)`, p.id, p.name, p.writeKey, p.secretKey, JSON.stringify(p.corsOrigins), p.identityVerification ? 1 : 0, p.createdAtMs);
      await durable();
      return p;
    },
    async listProjects() {
      return db.all<ProjectRow>('SELECT * FROM projects ORDER BY created_at_ms, id').map((r) => toProject(r) as Project);
    },
    findProjectByWriteKey: async (key) => byColumn('write_key', key),
    findProjectBySecretKey: async (key) => byColumn('secret_key', key),
    async updateProject(projectId, patch) {
      const current = byColumn('id', projectId);
      if (!current) throw new Error(`unknown project ${projectId}`);
      const n = { ...current, ...patch };
      db.run(`UPDATE projects SET name = ?, write_key = ?, secret_key = ?, cors_origins = ?, identity_verification = ? WHERE id = ?`,
        n.name, n.writeKey, n.secretKey, JSON.stringify(n.corsOrigins), n.identityVerification ? 1 : 0, projectId);
      await durable();
      return n;
    },
    async getProjectConfig(projectId) {
      const row = db.get<{ config: string; version: number }>('SELECT config, version FROM project_configs WHERE project_id = ?', projectId);
      return row ? { config: JSON.parse(row.config) as unknown, version: row.version } : null;
    },
    async putProjectConfig(projectId, config) {
      const row = db.get<{ version: number }>(`INSERT INTO project_configs (project_id, config, version, updated_at_ms) VALUES (?, ?, 1, ?)
        ON CONFLICT (project_id) DO UPDATE SET config = excluded.config, version = version + 1, updated_at_ms = excluded.updated_at_ms
        RETURNING version`, projectId, JSON.stringify(config), Date.now());
      await durable();
      return { version: row!.version };
    },
  };
}
