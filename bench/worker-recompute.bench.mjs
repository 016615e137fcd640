// The Worker's Cron Trigger recompute in workerd (Miniflare): a population ingested through POST /v1/batch (every
// user a few reads and one purchase, spread over 60 days), then the scheduled handler run twice: the first run folds
// every event, the second only what is new (nothing). Prints wall time and workerd's CPU time per 1,000 users, and
// how many users fit the CPU budget of one call to the Durable Object (30 s by default, see the collector README),
// beside `recomputeProject` on Node's SQLite adapter over the same events (same machine, same run) as the baseline.
// Run after `pnpm -r build`: node bench/worker-recompute.bench.mjs [BENCH_USERS=10000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { workerdCpuSec, workerdPeakRssMb } from './workerd-cpu.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'packages/collector/dist');
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const EVENTS_PER_USER = 5;
const CPU_BUDGET_MS = 30_000;
const DAY = 86_400_000;
const NOW = Date.now();

const bundled = await build({
  entryPoints: [join(DIST, 'worker/index.js')], bundle: true, write: false, format: 'esm', platform: 'neutral',
  mainFields: ['module', 'main'], conditions: ['workerd', 'worker', 'browser'], external: ['cloudflare:workers'], minify: true, logLevel: 'silent',
});
const mf = new Miniflare({
  modules: true, script: bundled.outputFiles[0].text, compatibilityDate: '2026-04-01',
  durableObjects: { WAYMARK_COLLECTOR: { className: 'WaymarkCollector', useSQLite: true } },
  bindings: { WAYMARK_WRITE_KEY: 'wk_bench', WAYMARK_SECRET_KEY: 'sk_bench', WAYMARK_KEY_RPS: '0', WAYMARK_IP_RPS: '0', WAYMARK_LOG_LEVEL: 'warn' },
});

/** Every user's events: reads on distinct days and one purchase, deterministic. */
function* eventsOf(u) {
  for (let i = 0; i < EVENTS_PER_USER; i++) {
    const daysAgo = (u * 7 + i * 11) % 60;
    const purchase = i === EVENTS_PER_USER - 1;
    yield { type: 'track', event: purchase ? 'Order Completed' : 'Article Read', messageId: `u${u}-${i}`, userId: `user-${u}`,
      timestamp: new Date(NOW - daysAgo * DAY - i * 60_000).toISOString(), ...(purchase ? { properties: { revenue: 5 + (u % 40) } } : {}) };
  }
}
const batches = [];
for (let u = 0, batch = []; u < USERS; u++) {
  batch.push(...eventsOf(u));
  if (batch.length >= 500 || u === USERS - 1) batches.push(batch), (batch = []);
}

const t0 = performance.now();
for (let i = 0; i < batches.length; i += 4) {
  await Promise.all(batches.slice(i, i + 4).map(async (batch) => {
    const res = await mf.dispatchFetch('http://bench/v1/batch', {
      method: 'POST', headers: { authorization: `Basic ${btoa('wk_bench:')}`, 'content-type': 'application/json' }, body: JSON.stringify({ batch }),
    });
    if (res.status !== 200) throw new Error(`ingest ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }));
}
console.log(`worker recompute: ${USERS.toLocaleString('en')} users, ${(USERS * EVENTS_PER_USER).toLocaleString('en')} events ingested in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const afterIngestMb = workerdPeakRssMb();
const worker = await mf.getWorker();
const cron = async (label) => {
  const cpu = workerdCpuSec();
  const start = performance.now();
  const result = await worker.scheduled({ cron: '*/30 * * * *', scheduledTime: new Date() });
  if (result.outcome !== 'ok') throw new Error(`scheduled: ${result.outcome}`);
  const wallMs = performance.now() - start;
  const cpuMs = (workerdCpuSec() - cpu) * 1000;
  const per1k = (cpuMs / USERS) * 1000;
  console.log(`  ${label}: wall ${(wallMs / 1000).toFixed(2)} s, workerd CPU ${(cpuMs / 1000).toFixed(2)} s = ${per1k.toFixed(0)} ms per 1,000 users` +
    ` -> ~${Math.floor((CPU_BUDGET_MS / per1k) * 1000).toLocaleString('en')} users in a ${CPU_BUDGET_MS / 1000} s CPU budget`);
  return wallMs;
};
const first = await cron('first cron run (folds every event)');
await cron('next cron run (no new events)  ');
console.log(`  workerd peak resident memory: ${afterIngestMb.toFixed(0)} MB after ingest, ${workerdPeakRssMb().toFixed(0)} MB after the cron runs` +
  ' (the whole runtime with its SQLite cache: the growth bounds what the recompute held; a Worker isolate may use 128 MB)');
await mf.dispose();

// Baseline: the Node CLI's path (recomputeProject on the SQLite adapter) over the same events, ingested through createApp.
const { createSqliteStorage } = await import(join(DIST, 'node/sqlite-storage.js'));
const { recomputeProject } = await import(join(DIST, 'segments/recompute-project.js'));
const { createApp } = await import(join(DIST, 'app.js'));
const dir = mkdtempSync(join(tmpdir(), 'waymark-recompute-'));
const storage = createSqliteStorage({ path: join(dir, 'db.sqlite'), synchronous: 'normal', checkpointInWorker: false });
try {
  await storage.createProject({ id: 'p', name: 'Bench', writeKey: 'wk_node', secretKey: 'sk_node', corsOrigins: [], identityVerification: false });
  const app = createApp({ storage, config: { keyRateLimit: false, ipRateLimit: false } });
  for (const batch of batches) {
    const res = await app.request('/v1/batch', { method: 'POST', headers: { authorization: `Basic ${btoa('wk_node:')}`, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
    if (res.status !== 200) throw new Error(`node ingest ${res.status}`);
  }
  const cpu = process.cpuUsage();
  const start = performance.now();
  await recomputeProject(storage, 'p', { nowMs: Date.now() });
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(`  node sqlite recomputeProject (baseline): wall ${(wallMs / 1000).toFixed(2)} s, CPU ${(cpuMs / 1000).toFixed(2)} s = ${((cpuMs / USERS) * 1000).toFixed(0)} ms per 1,000 users;` +
    ` worker first run / node: ${(first / wallMs).toFixed(2)}x wall`);
} finally {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
