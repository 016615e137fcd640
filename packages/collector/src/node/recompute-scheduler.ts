/**
 * Runs the population models on a schedule in a worker thread (its own SQLite connection), so ingest and status
 * reads on the event loop are not held up; one run at a time. The status index notices the new results within
 * its check interval (population-index.ts).
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../ops/logger.js';
import type { RecomputeSummary } from '../segments/recompute-project.js';

export interface RecomputeScheduler {
  /** Starts a run now unless one is running; resolves when it ends. */
  runNow(): Promise<void>;
  close(): Promise<void>;
}

/** @param intervalMs time between runs; the first starts after min(intervalMs, firstDelayMs). */
export function createRecomputeScheduler(dbPath: string, intervalMs: number, logger: Logger, firstDelayMs = 60_000): RecomputeScheduler {
  let running: Promise<void> | undefined;
  let worker: Worker | undefined;
  const runNow = (): Promise<void> => {
    running ??= new Promise<void>((resolve) => {
      const started = Date.now();
      worker = new Worker(new URL('./recompute-worker.js', import.meta.url), { workerData: { dbPath } });
      worker.on('message', (m: { ok: boolean; summaries?: RecomputeSummary[]; error?: string }) => {
        if (m.ok) logger.info('population recomputed', { projects: m.summaries!.length, users: m.summaries!.reduce((s, p) => s + p.users, 0), durationMs: Date.now() - started });
        else logger.error('population recompute failed', { error: m.error });
      });
      worker.on('error', (error) => logger.error('population recompute failed', { error: String(error) }));
      worker.on('exit', () => {
        worker = undefined;
        running = undefined;
        resolve();
      });
    });
    return running;
  };
  const first = setTimeout(() => void runNow(), Math.min(intervalMs, firstDelayMs));
  const every = setInterval(() => void runNow(), intervalMs);
  first.unref();
  every.unref();
  return {
    runNow,
    async close() {
      clearTimeout(first);
      clearInterval(every);
      await worker?.terminate();
      await running;
    },
  };
}
