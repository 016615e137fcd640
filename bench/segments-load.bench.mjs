// Ingest and status reads while the population models recompute: p50/p99 of each beside the same figures
// without a recompute, in alternating rounds (a burst of other work on the shared machine then hits one round).
// The recompute runs as `waymark-collector recompute` beside the server (its own process and SQLite connection,
// like the server's scheduled worker thread), restarted until the round ends.
// Run after `pnpm -r build`: node bench/segments-load.bench.mjs   (BENCH_DURATION_SEC, BENCH_SEGMENT_USERS)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedLoop, listeningUrl, percentile, templateRequests } from './closed-loop.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = join(ROOT, 'packages/collector/dist/node/cli.js');
const DURATION_SEC = Number(process.env.BENCH_DURATION_SEC ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const USERS = Number(process.env.BENCH_SEGMENT_USERS ?? 20_000);
const WRITE_KEY = 'wk_bench';
const dir = mkdtempSync(join(tmpdir(), 'waymark-seg-load-'));
const db = join(dir, 'seg.db');

const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db], {
  env: { ...process.env, WAYMARK_WRITE_KEY: WRITE_KEY, WAYMARK_SECRET_KEY: 'sk_bench', WAYMARK_KEY_RPS: '0', WAYMARK_IP_RPS: '0', WAYMARK_IDENTITY_VERIFICATION: '0', WAYMARK_RECOMPUTE_INTERVAL: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await listeningUrl(child);

// Seed: USERS users, 2-30 events each over 60 days.
let seed = 5;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const now = Date.now();
let batch = [];
const post = async (events) => {
  const res = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_KEY}` }, body: JSON.stringify({ batch: events, sentAt: new Date().toISOString() }) });
  if (res.status !== 200) throw new Error(`seed: ${res.status}`);
};
for (let u = 0; u < USERS; u++) {
  for (let e = 0, n = 2 + Math.floor(rand() * 29); e < n; e++) {
    batch.push({ type: 'track', event: ['Page Viewed', 'Article Read', 'Order Completed'][Math.floor(rand() * 3)], userId: `u${u}`, messageId: `s-${u}-${e}`, timestamp: new Date(now - Math.floor(rand() * 60) * 86_400_000).toISOString(), properties: { revenue: 10 } });
    if (batch.length === 500) await post(batch.splice(0));
  }
}
if (batch.length) await post(batch);
console.log(`seeded ${USERS.toLocaleString()} users; rounds of ${DURATION_SEC} s, ${ROUNDS} per phase; load average ${loadavg()[0].toFixed(1)}`);

const { host } = new URL(url);
const statusRequests = Array.from({ length: 1000 }, (_, i) => Buffer.from(`GET /v1/status?userId=u${(i * 37) % USERS}&writeKey=${WRITE_KEY} HTTP/1.1\r\nHost: ${host}\r\n\r\n`));
const ingest = templateRequests({ url, path: '/v1/batch', headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_KEY}` },
  body: JSON.stringify({ batch: Array.from({ length: 20 }, (_, i) => ({ type: 'track', event: 'Page Viewed', userId: `u${i}`, messageId: `load-__N__-${i}` })) }) });

async function round(withRecompute) {
  let stop = false;
  let recomputes = 0;
  const loop = withRecompute
    ? (async () => {
        while (!stop) {
          await new Promise((resolve) => spawn(process.execPath, [CLI, 'recompute', '--db', db], { stdio: 'ignore' }).once('exit', resolve));
          recomputes++;
        }
      })()
    : Promise.resolve();
  const [status, ing] = await Promise.all([
    closedLoop({ url, connections: 4, durationSec: DURATION_SEC, request: (n) => statusRequests[n % statusRequests.length] }),
    closedLoop({ url, connections: 2, durationSec: DURATION_SEC, request: ingest }),
  ]);
  stop = true;
  await loop;
  return { status, ing, recomputes };
}

const phases = { without: { status: [], ingest: [], n: [0, 0] }, with: { status: [], ingest: [], n: [0, 0], recomputes: 0 } };
for (let r = 0; r < ROUNDS; r++) {
  for (const name of ['without', 'with']) {
    const out = await round(name === 'with');
    const p = phases[name];
    p.status.push(...out.status.latenciesMs);
    p.ingest.push(...out.ing.latenciesMs);
    p.n[0] += out.status.requests;
    p.n[1] += out.ing.requests;
    if (name === 'with') p.recomputes += out.recomputes;
  }
}
const line = (label, lat, n) => {
  lat.sort((a, b) => a - b);
  return `${label.padEnd(34)} ${String(n).padStart(8)} req  p50 ${percentile(lat, 0.5).toFixed(2).padStart(7)} ms  p99 ${percentile(lat, 0.99).toFixed(2).padStart(7)} ms`;
};
console.log(line('status, no recompute', phases.without.status, phases.without.n[0]));
console.log(line('status, recompute running', phases.with.status, phases.with.n[0]));
console.log(line('ingest (20 events), no recompute', phases.without.ingest, phases.without.n[1]));
console.log(line('ingest (20 events), recompute running', phases.with.ingest, phases.with.n[1]));
console.log(`recomputes completed during the "with" rounds: ${phases.with.recomputes}; load average ${loadavg()[0].toFixed(1)}`);
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
rmSync(dir, { recursive: true, force: true });
