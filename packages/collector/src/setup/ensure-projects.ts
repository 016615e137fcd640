/** On start: create the configured projects that do not exist yet, apply configured keys and settings. */
import { generateKey } from '../keys.js';
import type { Logger } from '../ops/logger.js';
import type { NewProject, Project, ProjectPatch, Storage } from '../storage/storage.js';
import type { ProjectSeed } from './parse-args.js';

/** A project created on first start accepts no browser origin until the operator lists its own (never `*` by default). */
const DEFAULT_CORS_ORIGINS: string[] = [];

export async function ensureProjects(storage: Storage, seeds: ProjectSeed[], logger: Logger): Promise<Project[]> {
  const existing = new Map((await storage.listProjects()).map((p) => [p.id, p]));
  const result: Project[] = [];
  for (const seed of seeds) {
    const id = seed.id ?? 'default';
    let current = existing.get(id);
    if (!current) {
      const made = await createOrFind(storage, {
        id,
        name: seed.name ?? id,
        writeKey: seed.writeKey ?? generateKey('write'),
        secretKey: seed.secretKey ?? generateKey('secret'),
        corsOrigins: seed.corsOrigins ?? DEFAULT_CORS_ORIGINS,
        identityVerification: seed.identityVerification ?? true,
      });
      if ('created' in made) {
        const project = made.created;
        // Printed once, on creation: the operator needs both keys (the secret one is not shown again).
        logger.info('project created', { projectId: id, writeKey: project.writeKey, secretKey: project.secretKey, corsOrigins: project.corsOrigins });
        result.push(project);
        continue;
      }
      current = made.found;
    }
    const patch: ProjectPatch = {};
    if (seed.writeKey && seed.writeKey !== current.writeKey) patch.writeKey = seed.writeKey;
    if (seed.secretKey && seed.secretKey !== current.secretKey) patch.secretKey = seed.secretKey;
    if (seed.corsOrigins && seed.corsOrigins.join(',') !== current.corsOrigins.join(',')) patch.corsOrigins = seed.corsOrigins;
    if (seed.identityVerification !== undefined && seed.identityVerification !== current.identityVerification) {
      patch.identityVerification = seed.identityVerification;
    }
    if (Object.keys(patch).length === 0) {
      result.push(current);
      continue;
    }
    result.push(await storage.updateProject(id, patch));
    logger.info('project updated from configuration', { projectId: id, fields: Object.keys(patch) });
  }
  for (const project of result) warnIfOpen(project, logger);
  return result;
}

/** Creates the project, or finds it when another collector sharing the database (PostgreSQL) created it meanwhile. */
async function createOrFind(storage: Storage, input: NewProject): Promise<{ created: Project } | { found: Project }> {
  try {
    return { created: await storage.createProject(input) };
  } catch (error) {
    const found = (await storage.listProjects()).find((p) => p.id === input.id);
    if (!found) throw error;
    return { found };
  }
}

/** One clear line per start for each setting that leaves a project less closed than the defaults. */
function warnIfOpen(project: Project, logger: Logger): void {
  const projectId = project.id;
  if (project.corsOrigins.length === 0) {
    logger.info('no browser origin allowed yet: browsers cannot send or read status until you list your site', {
      projectId, fix: '--cors-origins https://app.example (WAYMARK_CORS_ORIGINS) or PATCH /v1/admin/project {"corsOrigins":[...]}',
    });
  } else if (project.corsOrigins.includes('*')) {
    logger.warn('CORS allows every origin (*): any web page can send events with this write key', { projectId });
  }
  if (!project.identityVerification) {
    logger.warn('identity verification is off: anyone holding the public write key can read any user\'s status by user id', {
      projectId, fix: 'remove --no-identity-verification, or PATCH /v1/admin/project {"identityVerification":true}',
    });
  }
}
