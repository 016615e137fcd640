/**
 * The Worker's Cron Trigger: recomputes every project's population results in the collector's object, one RPC call
 * per project (each call gets the object's whole CPU budget; one failing project does not stop the others).
 */
import type { CollectorRpc } from './worker-env.js';

/**
 * Users per project that one cron call is sized for (measured, see the collector README): the recompute holds every
 * user's history and snapshot row in memory (a Worker isolate may use 128 MB) and takes ~90 ms of CPU per 1,000 users.
 * Above it the object logs a warning; the run still happens.
 */
export const CRON_USERS_BOUND = 50_000;

export async function runCron(collector: CollectorRpc): Promise<{ recomputed: string[]; failed: string[] }> {
  const recomputed: string[] = [];
  const failed: string[] = [];
  for (const projectId of await collector.projectIds()) {
    try {
      await collector.recompute(projectId);
      recomputed.push(projectId);
    } catch (error) {
      failed.push(projectId);
      console.error(JSON.stringify({ level: 'error', msg: 'population recompute failed', projectId, error: error instanceof Error ? error.message : String(error) }));
    }
  }
  return { recomputed, failed };
}
