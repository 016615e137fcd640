/** Runs every population model for every project (or one) of a SQLite file: what `recompute` and the scheduled worker do. */
import type { RecomputeSummary } from '../segments/recompute-project.js';
import { recomputeProject } from '../segments/recompute-project.js';
import { isPostgresUrl, openStorage } from './open-storage.js';
import { createSqliteStorage } from './sqlite-storage.js';

export async function recomputeAll(
  dbPath: string,
  options: { projectId?: string; nowMs?: number; onProgress?: (message: string) => void } = {},
): Promise<RecomputeSummary[]> {
  // Its own connection: no WAL-sync or checkpoint workers (results are derived data, recomputed if lost). A
  // PostgreSQL URL opens that adapter, which has no results store yet: recomputeProject then says so.
  const storage = isPostgresUrl(dbPath) ? await openStorage({ db: dbPath }) : createSqliteStorage({ path: dbPath, synchronous: 'normal', checkpointInWorker: false });
  try {
    const projects = (await storage.listProjects()).filter((p) => options.projectId === undefined || p.id === options.projectId);
    if (options.projectId !== undefined && !projects.length) throw new Error(`no project ${options.projectId}`);
    const summaries: RecomputeSummary[] = [];
    for (const p of projects) {
      summaries.push(await recomputeProject(storage, p.id, { nowMs: options.nowMs ?? Date.now(), ...(options.onProgress ? { onProgress: options.onProgress } : {}) }));
    }
    return summaries;
  } finally {
    await storage.close();
  }
}
