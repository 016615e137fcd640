/** Busy-loop worker threads that keep the machine's cores loaded while a test runs (bounded: they stop on `stop()` or after `maxMs`). */
import { Worker } from 'node:worker_threads';

export interface CpuLoad {
  stop(): Promise<void>;
}

const SPIN = `
const { workerData } = require('node:worker_threads');
const until = Date.now() + workerData.maxMs;
let x = 0;
while (Date.now() < until) for (let i = 0; i < 1e6; i++) x += i;
`;

/** Starts `threads` busy loops (default 2, the cores of these machines), each ending by itself after `maxMs`. */
export function startCpuLoad(threads = 2, maxMs = 120_000): CpuLoad {
  const workers = Array.from({ length: threads }, () => new Worker(SPIN, { eval: true, workerData: { maxMs } }));
  return {
    stop: async () => void (await Promise.all(workers.map((w) => w.terminate()))),
  };
}
