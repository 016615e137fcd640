/**
 * The Worker's Cron Trigger: recomputes every project's population results in the collector's object, one RPC call
 * per project (each call gets the object's whole CPU budget; one failing project does not stop the others).
 */
import type { CollectorRpc } from './worker-env.js';

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
