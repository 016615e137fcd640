/** The PostgreSQL adapter's projects and their rule configs; every change is announced on `CHANGES_CHANNEL` at commit. */
import type { Sql } from 'postgres';
import type { Project, Storage } from '../storage/storage.js';
import { CHANGES_CHANNEL } from './pg-changes.js';

type ProjectMethods = Pick<Storage, 'createProject' | 'listProjects' | 'findProjectByWriteKey' | 'findProjectBySecretKey' | 'updateProject' | 'getProjectConfig' | 'putProjectConfig'>;

interface ProjectRow {
  id: string; name: string; write_key: string; secret_key: string; cors_origins: string; identity_verification: boolean; created_at_ms: number;
}

const toProject = (r: ProjectRow): Project => ({ id: r.id, name: r.name, writeKey: r.write_key, secretKey: r.secret_key,
  corsOrigins: JSON.parse(r.cors_origins) as string[], identityVerification: r.identity_verification, createdAtMs: r.created_at_ms });

const first = (rows: ProjectRow[]): Project | null => (rows[0] ? toProject(rows[0]) : null);

export function pgProjects(sql: Sql): ProjectMethods {
  // pg_notify in the writing statement: delivered to every listening collector when (and only if) it commits.
  const notify = (kind: 'project' | 'config', projectId: string) => sql`pg_notify(${CHANGES_CHANNEL}, ${`${kind}:${projectId}`})`;
  return {
    async createProject(input) {
      const p: Project = { ...input, corsOrigins: input.corsOrigins ?? [], identityVerification: input.identityVerification ?? true, createdAtMs: Date.now() };
      await sql`WITH created AS (INSERT INTO projects (id, name, write_key, secret_key, cors_origins, identity_verification, created_at_ms)
        VALUES (${p.id}, ${p.name}, ${p.writeKey}, ${p.secretKey}, ${JSON.stringify(p.corsOrigins)}, ${p.identityVerification}, ${p.createdAtMs})
        RETURNING id) SELECT ${notify('project', p.id)} FROM created`;
      return p;
    },
    async listProjects() {
      return (await sql<ProjectRow[]>`SELECT * FROM projects ORDER BY created_at_ms, id`).map(toProject);
    },
    async findProjectByWriteKey(key) {
      return first(await sql<ProjectRow[]>`SELECT * FROM projects WHERE write_key = ${key}`);
    },
    async findProjectBySecretKey(key) {
      return first(await sql<ProjectRow[]>`SELECT * FROM projects WHERE secret_key = ${key}`);
    },
    async updateProject(projectId, patch) {
      const current = first(await sql<ProjectRow[]>`SELECT * FROM projects WHERE id = ${projectId}`);
      if (!current) throw new Error(`unknown project ${projectId}`);
      const n = { ...current, ...patch };
      await sql`WITH updated AS (UPDATE projects SET name = ${n.name}, write_key = ${n.writeKey}, secret_key = ${n.secretKey},
        cors_origins = ${JSON.stringify(n.corsOrigins)}, identity_verification = ${n.identityVerification} WHERE id = ${projectId} RETURNING id)
        SELECT ${notify('project', projectId)} FROM updated`;
      return n;
    },
    async getProjectConfig(projectId) {
      const [row] = await sql<Array<{ config: string; version: number }>>`SELECT config, version FROM project_configs WHERE project_id = ${projectId}`;
      return row ? { config: JSON.parse(row.config) as unknown, version: row.version } : null;
    },
    async putProjectConfig(projectId, config) {
      const [row] = await sql<Array<{ version: number }>>`WITH put AS (INSERT INTO project_configs (project_id, config, version, updated_at_ms)
        VALUES (${projectId}, ${JSON.stringify(config)}, 1, ${Date.now()})
        ON CONFLICT (project_id) DO UPDATE SET config = excluded.config, version = project_configs.version + 1, updated_at_ms = excluded.updated_at_ms
        RETURNING version) SELECT version, ${notify('config', projectId)} FROM put`;
      return { version: row!.version };
    },
  };
}
