/** Worker-thread entry of the scheduled recompute (recompute-scheduler.ts): the models run off the server's event loop. */
import { parentPort, workerData } from 'node:worker_threads';
import { recomputeAll } from './recompute-all.js';

const { dbPath } = workerData as { dbPath: string };
recomputeAll(dbPath).then(
  (summaries) => parentPort!.postMessage({ ok: true, summaries }),
  (error: unknown) => parentPort!.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) }),
);
