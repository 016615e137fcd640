/**
 * Moves WAL checkpoints off the event loop. SQLite's auto-checkpoint runs inside the COMMIT that crosses
 * `wal_autocheckpoint` pages: it copies ~1,000 pages into the database file and fsyncs the WAL and the
 * database, all on the thread that committed. Here a worker thread with its own connection runs PASSIVE
 * checkpoints (they never block the writer, which keeps appending to the WAL) a few times a second while
 * commits happen; the writer keeps a far higher auto-checkpoint as a backstop, so the WAL still restarts
 * from its beginning under a load that never lets the worker catch up (that backstop checkpoint finds
 * almost everything already copied).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  /** Call after each commit; starts a checkpoint in the worker when none is running and `intervalMs` has passed. */
  committed(): void;
  /** Stops the worker and closes its connection. */
  close(): Promise<void>;
}

export interface WalCheckpointerOptions {
  /** Least time between two checkpoints started by the worker. @default 100 */
  intervalMs?: number;
  /** WAL length (pages) from which the next checkpoint starts at the next commit, without waiting `intervalMs`. @default 1000 */
  chasePages?: number;
  /** Called with an error the worker reported (checkpoints are an optimisation: ingest goes on). @default ignore */
  onError?: (error: unknown) => void;
}

// A script, not a module file: the same code runs from dist/ and from the TypeScript sources under vitest.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 0');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, walPages: result.log });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error) });
  }
});
`;

export function createWalCheckpointer(dbPath: string, options: WalCheckpointerOptions = {}): WalCheckpointer {
  const intervalMs = options.intervalMs ?? 100;
  const chasePages = options.chasePages ?? 1000;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path: dbPath, driver } });
  worker.unref();
  let running = false;
  let lastStartMs = -Infinity;
  let closed = false;
  worker.on('message', (result: { ok: boolean; walPages?: number; error?: string }) => {
    running = false;
    if (!result.ok) options.onError?.(new Error(result.error));
    // Still a long WAL (the writer kept appending): go again at the next commit, so the worker catches up
    // and the WAL restarts from its beginning (it does when a write starts with every frame copied).
    else if ((result.walPages ?? 0) >= chasePages) lastStartMs = -Infinity;
  });
  worker.on('error', (error) => {
    closed = true;
    options.onError?.(error);
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    committed() {
      if (running || closed) return;
      const now = performance.now();
      if (now - lastStartMs < intervalMs) return;
      lastStartMs = now;
      running = true;
      worker.postMessage('checkpoint');
    },
    async close() {
      if (!closed) {
        closed = true;
        worker.ref(); // keep the process alive until the worker has closed its connection
        worker.postMessage('close');
      }
      await exited;
    },
  };
}
