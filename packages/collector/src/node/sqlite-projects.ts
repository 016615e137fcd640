/** The SQLite adapter's projects and their rule configs: small tables, read through prepared statements. */
import type { Project, Storage } from '../storage/storage.js';
import type { prepareStatements } from './sqlite-statements.js';

type ProjectMethods = Pick<Storage, 'createProject' | 'listProjects' | 'findProjectByWriteKey' | 'findProjectBySecretKey' | 'updateProject' | 'getProjectConfig' | 'putProjectConfig'>;

interface ProjectRow {
  id: string; name: string; write_key: string; secret_key: string; cors_origins: string; identity_verification: number; created_at_ms: number;
}

const toProject = (r: ProjectRow | undefined): Project | null =>
  r ? { id: r.id, name: r.name, writeKey: r.write_key, secretKey: r.secret_key, corsOrigins: JSON.parse(r.cors_origins) as string[],
    identityVerification: r.identity_verification === 1, createdAtMs: r.created_at_ms } : null;

const projectParams = (p: Project) => ({ ...p, corsOrigins: JSON.stringify(p.corsOrigins), identityVerification: p.identityVerification ? 1 : 0 });

/**
 * @param s the adapter's prepared statements
 * @param durable resolves once the last commit is durable (every write answers only after it)
 */
export function sqliteProjects(s: ReturnType<typeof prepareStatements>, durable: () => Promise<void>): ProjectMethods {
  return {
    async createProject(input) {
      const project: Project = { ...input, corsOrigins: input.corsOrigins ?? [], identityVerification: input.identityVerification ?? true, createdAtMs: Date.now() };
      s.insertProject.run(projectParams(project));
      await durable();
      return project;
    },
    async listProjects() {
      return (s.allProjects.all() as ProjectRow[]).map((r) => toProject(r) as Project);
    },
    async findProjectByWriteKey(key) {
      return toProject(s.projectByWriteKey.get(key) as ProjectRow | undefined);
    },
    async findProjectBySecretKey(key) {
      return toProject(s.projectBySecretKey.get(key) as ProjectRow | undefined);
    },
    async updateProject(projectId, patch) {
      const current = toProject(s.projectById.get(projectId) as ProjectRow | undefined);
      if (!current) throw new Error(`unknown project ${projectId}`);
      const next = { ...current, ...patch };
      s.updateProject.run(projectParams(next));
      await durable();
      return next;
    },
    async getProjectConfig(projectId) {
      const row = s.getConfig.get(projectId) as { config: string; version: number } | undefined;
      return row ? { config: JSON.parse(row.config) as unknown, version: row.version } : null;
    },
    async putProjectConfig(projectId, config) {
      const version = s.putConfig.get(projectId, JSON.stringify(config), Date.now()) as number;
      await durable();
      return { version };
    },
  };
}
