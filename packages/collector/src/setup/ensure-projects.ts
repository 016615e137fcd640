/** On start: create the configured projects that do not exist yet, apply configured keys and settings. */
import { generateKey } from '../keys.js';
import type { Logger } from '../ops/logger.js';
import type { Project, ProjectPatch, Storage } from '../storage/storage.js';
import type { ProjectSeed } from './parse-args.js';

/** Projects created on first start accept any origin until the operator narrows the list. */
const DEFAULT_CORS_ORIGINS = ['*'];

export async function ensureProjects(storage: Storage, seeds: ProjectSeed[], logger: Logger): Promise<Project[]> {
  const existing = new Map((await storage.listProjects()).map((p) => [p.id, p]));
  const result: Project[] = [];
  for (const seed of seeds) {
    const id = seed.id ?? 'default';
    const current = existing.get(id);
    if (!current) {
      const project = await storage.createProject({
        id,
        name: seed.name ?? id,
        writeKey: seed.writeKey ?? generateKey('write'),
        secretKey: seed.secretKey ?? generateKey('secret'),
        corsOrigins: seed.corsOrigins ?? DEFAULT_CORS_ORIGINS,
        identityVerification: seed.identityVerification ?? false,
      });
      // Printed once, on creation: the operator needs both keys (the secret one is not shown again).
      logger.info('project created', { projectId: id, writeKey: project.writeKey, secretKey: project.secretKey, corsOrigins: project.corsOrigins });
      result.push(project);
      continue;
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
  return result;
}
