// Ingest throughput of the Worker collector in workerd (Miniflare): POST /v1/batch of 100 events with profiles
// and dedupe, through the Worker into its Durable Object, sequential and 4 in flight; printed beside a bare
// insert of the same batches on the same storage (a Durable Object that parses the body and only INSERTs the
// rows into the same events table, one transactionSync per batch), as a ratio. Same process, alternating.
// Besides events/s it prints workerd's CPU time per event (from /proc, Linux): on a busy shared host the
// throughput ratio swings with the load, the CPU each event costs much less.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { workerdCpuSec } from './workerd-cpu.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'packages/collector/dist/worker');
const SEGMENT_MS = Number(process.env.BENCH_SEGMENT_MS ?? 1500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = 100;
const USERS = 1000;
const WRITE_KEY = 'wk_bench';

// The collector's Worker entry plus a bare-insert object, in one module (the entry exports handlers and classes only).
const entry = `
import { DurableObject } from 'cloudflare:workers';
import collector from ${JSON.stringify(join(DIST, 'index.js'))};
import { migrateDurableObject } from ${JSON.stringify(join(DIST, 'do-migrate.js'))};
export { WaymarkCollector } from ${JSON.stringify(join(DIST, 'index.js'))};
export class BareInsert extends DurableObject {
  constructor(ctx, env) { super(ctx, env); migrateDurableObject(ctx.storage); }
  async fetch(request) {
    const { batch } = await request.json();
    const now = Date.now();
    const sql = this.ctx.storage.sql;
    let accepted = 0;
    this.ctx.storage.transactionSync(() => {
      for (const e of batch) {
        accepted += sql.exec(\`INSERT OR IGNORE INTO events (project_id, message_id, type, user_id, anonymous_id, name, timestamp_ms,
          original_timestamp, sent_at, received_at_ms, ip, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\`,
          'p', e.messageId, e.type, e.userId ?? null, e.anonymousId ?? null, e.event ?? null, Date.parse(e.timestamp), e.timestamp, null, now, null,
          JSON.stringify(e)).rowsWritten > 0 ? 1 : 0;
      }
    });
    await this.ctx.storage.sync();
    return Response.json({ accepted });
  }
}
export default {
  fetch(request, env, ctx) {
    if (new URL(request.url).pathname === '/bare') return env.BARE.get(env.BARE.idFromName('bare')).fetch(request);
    return collector.fetch(request, env, ctx);
  },
};`;
const bundled = await build({
  stdin: { contents: entry, resolveDir: DIST, loader: 'js' }, bundle: true, write: false, format: 'esm', platform: 'neutral',
  mainFields: ['module', 'main'], conditions: ['workerd', 'worker', 'browser'], external: ['cloudflare:workers'], minify: true, logLevel: 'silent',
});
const mf = new Miniflare({
  modules: true, script: bundled.outputFiles[0].text, compatibilityDate: '2026-04-01',
  durableObjects: { WAYMARK_COLLECTOR: { className: 'WaymarkCollector', useSQLite: true }, BARE: { className: 'BareInsert', useSQLite: true } },
  bindings: { WAYMARK_WRITE_KEY: WRITE_KEY, WAYMARK_SECRET_KEY: 'sk_bench', WAYMARK_KEY_RPS: '0', WAYMARK_IP_RPS: '0', WAYMARK_LOG_LEVEL: 'warn' },
});

await mf.ready;

let next = 0;
/** One batch: one device (anonymousId + userId), 100 track events with small properties; fresh messageIds each time. */
function batchBody() {
  const n = next++;
  const user = n % USERS;
  const now = new Date().toISOString();
  const batch = Array.from({ length: BATCH }, (_, i) => ({
    type: 'track', event: i % 10 === 0 ? 'Order Completed' : `Event ${i % 20}`, messageId: `b${n}-${i}`, anonymousId: `anon-${user}`,
    userId: `user-${user}`, timestamp: now, properties: { i, plan: 'pro', path: '/app/dashboard' },
    context: { library: { name: 'bench', version: '1' }, sessionId: `s-${user}`, streamId: `st-${user}`, seq: i },
  }));
  return JSON.stringify({ batch, sentAt: now });
}

const targets = {
  collector: { path: '/v1/batch', headers: { authorization: `Basic ${btoa(`${WRITE_KEY}:`)}`, 'content-type': 'application/json' } },
  bare: { path: '/bare', headers: { 'content-type': 'application/json' } },
};

/** Sends batches with `inFlight` requests outstanding for `ms`; returns events/s and the p50/p99 latency. */
async function segment(target, inFlight, ms) {
  const { path, headers } = targets[target];
  const latencies = [];
  let events = 0;
  const until = performance.now() + ms;
  const start = performance.now();
  const cpuBefore = workerdCpuSec();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const res = await mf.dispatchFetch(`http://bench${path}`, { method: 'POST', headers, body: batchBody() });
      const body = await res.json();
      if (res.status !== 200 || body.accepted !== BATCH) throw new Error(`${target}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      latencies.push(performance.now() - t0);
      events += BATCH;
    }
  }));
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const cpuUsPerEvent = ((workerdCpuSec() - cpuBefore) * 1e6) / events;
  return { eventsPerSec: events / ((performance.now() - start) / 1000), p50: at(0.5), p99: at(0.99), cpuUsPerEvent };
}

await segment('collector', 1, 300); // warm up both objects (migrations, project creation, JIT)
await segment('bare', 1, 300);
const results = { collector: { 1: [], 4: [] }, bare: { 1: [], 4: [] } };
for (let round = 0; round < ROUNDS; round++) {
  for (const inFlight of [1, 4]) {
    // Which goes first alternates by round, so a drift of the host's load does not favour one side.
    const order = round % 2 === 0 ? ['collector', 'bare'] : ['bare', 'collector'];
    for (const target of order) results[target][inFlight].push(await segment(target, inFlight, SEGMENT_MS));
  }
}
await mf.dispose();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (r) => `${Math.round(median(r.map((x) => x.eventsPerSec))).toLocaleString('en')} events/s (p50 ${median(r.map((x) => x.p50)).toFixed(1)} ms, p99 ${median(r.map((x) => x.p99)).toFixed(1)} ms, workerd ${median(r.map((x) => x.cpuUsPerEvent)).toFixed(0)} µs CPU/event)`;
console.log(`Worker ingest in workerd (Miniflare, local SQLite Durable Objects), ${BATCH}-event batches, medians of ${ROUNDS} x ${SEGMENT_MS} ms per point, alternating:`);
for (const inFlight of [1, 4]) {
  const c = results.collector[inFlight];
  const b = results.bare[inFlight];
  const ratio = median(c.map((x) => x.eventsPerSec)) / median(b.map((x) => x.eventsPerSec));
  const cpuRatio = median(c.map((x) => x.cpuUsPerEvent)) / median(b.map((x) => x.cpuUsPerEvent));
  console.log(`  ${inFlight === 1 ? 'sequential ' : '4 in flight'}  collector ${fmt(c)}\n               bare insert ${fmt(b)}\n               collector / bare: events/s ${(ratio * 100).toFixed(0)}%, workerd CPU per event ${cpuRatio.toFixed(2)}x`);
}
