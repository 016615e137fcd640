// GET /v1/status throughput and latency of the built collector CLI on loopback (1,000 users with profiles),
// printed beside a Hono hello-world on @hono/node-server measured in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const requireCollector = createRequire(join(ROOT, 'packages/collector/package.json'));
const autocannon = (await import('autocannon')).default;

const DURATION_SEC = Number(process.env.BENCH_DURATION_SEC ?? 10);
const CONNECTIONS = 10;
const USERS = 1000;
const WRITE_KEY = 'wk_bench';
const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-'));

function waitForUrl(child) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"url":"([^"]+)"/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

function startCollector() {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ') ?? []), join(ROOT, 'packages/collector/dist/node/cli.js'), 'serve', '--port', '0', '--db', join(dir, 'status.db')], {
    env: { ...process.env, WAYMARK_WRITE_KEY: WRITE_KEY, WAYMARK_SECRET_KEY: 'sk_bench', WAYMARK_KEY_RPS: '0', WAYMARK_IP_RPS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return waitForUrl(child).then((url) => ({ child, url }));
}

function startHelloWorld() {
  const hono = pathToFileURL(requireCollector.resolve('hono')).href;
  const server = pathToFileURL(requireCollector.resolve('@hono/node-server')).href;
  const code = `
    const { Hono } = await import(${JSON.stringify(hono)});
    const { serve } = await import(${JSON.stringify(server)});
    const app = new Hono();
    app.get('/', (c) => c.text('Hello World'));
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + info.port })));
    process.on('SIGTERM', () => s.close(() => process.exit(0)));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return waitForUrl(child).then((url) => ({ child, url }));
}

async function seed(url) {
  const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  const now = Date.now();
  for (let b = 0; b < USERS / 10; b++) {
    const batch = [];
    for (let u = b * 10; u < b * 10 + 10; u++) {
      for (let i = 0; i < 20; i++) {
        batch.push({ type: 'track', event: i % 5 === 0 ? 'Order Completed' : 'Viewed', messageId: `s${u}-${i}`, userId: `user-${u}`, anonymousId: `anon-${u}`,
          timestamp: new Date(now - i * 86_400_000).toISOString(), properties: { revenue: 5 }, context: { streamId: `st-${u}` } });
      }
    }
    const res = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
    if (res.status !== 200) throw new Error(`seed failed: ${res.status}`);
  }
}

/** A 2 s unmeasured warm-up (JIT, caches), then the measured run. */
async function load(url, requests) {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, requests });
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION_SEC, requests });
}

async function run() {
  const collector = await startCollector();
  const hello = await startHelloWorld();
  try {
    await seed(collector.url);
    let n = 0;
    let bad = 0;
    const status = await load(collector.url, [{
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: `/v1/status?userId=user-${n++ % USERS}&writeKey=${WRITE_KEY}` }),
      onResponse: (code) => { if (code !== 200) bad++; },
    }]);
    const revalidate = await load(collector.url, [{
      method: 'GET',
      path: `/v1/status?userId=user-1&writeKey=${WRITE_KEY}`,
      onResponse: (_code, _body, ctx, headers) => { ctx.etag = headers.etag; },
      setupRequest: (req, ctx) => ({ ...req, headers: ctx.etag ? { 'if-none-match': ctx.etag } : {} }),
    }]);
    const helloWorld = await load(hello.url, [{ method: 'GET', path: '/' }]);
    const row = (name, r) => ({ measure: name, 'req/s': Math.round(r.requests.average).toLocaleString('en-US'), 'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99, errors: r.errors + r.non2xx });
    console.log(`GET /v1/status, loopback, ${CONNECTIONS} connections, ${DURATION_SEC} s each, ${USERS} users with profiles`);
    console.table([
      row('collector GET /v1/status (200, full snapshot)', status),
      { ...row('collector GET /v1/status (If-None-Match → 304)', revalidate), errors: revalidate.errors },
      row('Hono hello-world, same machine, same run', helloWorld),
    ]);
    const rps = status.requests.average;
    console.log(`status: ${Math.round(rps).toLocaleString('en-US')} req/s (goal ≥ 20,000) ${rps >= 20_000 ? 'MET' : 'NOT MET'}; ` +
      `p99 ${status.latency.p99} ms (goal ≤ 5 ms) ${status.latency.p99 <= 5 ? 'MET' : 'NOT MET'}; ` +
      `${((rps / helloWorld.requests.average) * 100).toFixed(0)}% of hello-world; non-200: ${bad}`);
  } finally {
    collector.child.kill('SIGTERM');
    hello.child.kill('SIGTERM');
    await Promise.all([collector, hello].map((s) => new Promise((r) => (s.child.exitCode !== null ? r() : s.child.once('exit', r)))));
  }
}

try {
  await run();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
