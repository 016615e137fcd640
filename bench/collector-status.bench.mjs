// GET /v1/status throughput and latency of the built collector CLI on loopback (1,000 users with profiles),
// printed beside a Hono hello-world on @hono/node-server measured in the same run.
//
// Fairness: every run uses the same load-generator settings, a pre-built list of 1,000 requests (one per user;
// the hello-world gets the same paths and query strings, which it ignores) and no per-request callbacks. A
// `setupRequest`/`onResponse` callback makes autocannon rebuild each request and collect each response's
// headers, which cost the generator (one core of the two) more than the hello-world's static request did.
// The CPU time each process spent per request is printed, so it shows which side limits a run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const requireCollector = createRequire(join(ROOT, 'packages/collector/package.json'));
const autocannon = (await import('autocannon')).default;

const DURATION_SEC = Number(process.env.BENCH_DURATION_SEC ?? 10);
/** Each measure runs in this many rounds of DURATION_SEC / ROUNDS, the three measures taking turns, and the
 * median round is reported: a burst of other work on the machine then hits one round, not one measure. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;
const USERS = 1000;
const WRITE_KEY = 'wk_bench';
/** The page origin of the browser-read run (on the project's CORS allow-list). */
const ORIGIN = 'https://app.example';
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
    env: { ...process.env, WAYMARK_WRITE_KEY: WRITE_KEY, WAYMARK_SECRET_KEY: 'sk_bench', WAYMARK_KEY_RPS: '0', WAYMARK_IP_RPS: '0', WAYMARK_CORS_ORIGINS: ORIGIN },
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

/** CPU time (user + system) a process has used, in µs; undefined where /proc is missing. */
function cpuUsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1_000_000 / 100); // clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/** One measured run, with each side's CPU time per request. */
async function measure(url, pid, requests, durationSec) {
  const server0 = cpuUsOf(pid);
  const generator0 = process.cpuUsage();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: durationSec, requests });
  const generator = process.cpuUsage(generator0);
  const server1 = cpuUsOf(pid);
  const n = Math.max(1, result.requests.total);
  result.serverUsPerReq = server0 === undefined || server1 === undefined ? undefined : (server1 - server0) / n;
  result.generatorUsPerReq = (generator.user + generator.system) / n;
  return result;
}

/** A 2 s unmeasured warm-up of each target (JIT, caches), then ROUNDS turns over all of them; the median round of each. */
async function measureInTurns(targets) {
  for (const t of targets) await autocannon({ url: t.url, connections: CONNECTIONS, duration: 2, requests: t.requests });
  const rounds = targets.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, t] of targets.entries()) rounds[i].push(await measure(t.url, t.pid, t.requests, DURATION_SEC / ROUNDS));
  }
  return rounds.map((rs) => [...rs].sort((a, b) => a.requests.average - b.requests.average)[rs.length >> 1]);
}

/** The current ETag of each path (for the revalidation run). */
async function etagsOf(url, paths) {
  const etags = [];
  for (const path of paths) {
    const res = await fetch(`${url}${path}`);
    await res.arrayBuffer();
    if (res.status !== 200 || !res.headers.get('etag')) throw new Error(`no ETag for ${path}: ${res.status}`);
    etags.push(res.headers.get('etag'));
  }
  return etags;
}

async function run() {
  const collector = await startCollector();
  const hello = await startHelloWorld();
  try {
    const loadAtStart = loadavg().map((l) => l.toFixed(1)).join(' ');
    await seed(collector.url);
    const query = (u) => `?userId=user-${u}&writeKey=${WRITE_KEY}`;
    const paths = Array.from({ length: USERS }, (_, u) => `/v1/status${query(u)}`);
    const etags = await etagsOf(collector.url, paths);
    const [status, browser, revalidate, helloWorld] = await measureInTurns([
      { url: collector.url, pid: collector.child.pid, requests: paths.map((path) => ({ method: 'GET', path })) },
      { url: collector.url, pid: collector.child.pid, requests: paths.map((path) => ({ method: 'GET', path, headers: { origin: ORIGIN } })) },
      { url: collector.url, pid: collector.child.pid, requests: paths.map((path, u) => ({ method: 'GET', path, headers: { 'if-none-match': etags[u] } })) },
      { url: hello.url, pid: hello.child.pid, requests: paths.map((_p, u) => ({ method: 'GET', path: `/${query(u)}` })) },
    ]);
    const us = (v) => (v === undefined ? 'n/a' : v.toFixed(0));
    const row = (name, r, expected) => ({
      measure: name, 'req/s': Math.round(r.requests.average).toLocaleString('en-US'), 'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99,
      'server CPU µs/req': us(r.serverUsPerReq), 'load gen. CPU µs/req': us(r.generatorUsPerReq), 'unexpected answers': r.errors + r.requests.total - r[expected],
    });
    console.log(`GET /v1/status, loopback, ${CONNECTIONS} connections, ${DURATION_SEC} s each in ${ROUNDS} alternating rounds (median round shown), ${USERS} users with profiles, ` +
      `same pre-built request list shape for every run; load average at start ${loadAtStart}`);
    console.table([
      row('collector GET /v1/status (200, full snapshot)', status, '2xx'),
      row('same, from a page (Origin → CORS headers)', browser, '2xx'),
      row('collector GET /v1/status (If-None-Match → 304)', revalidate, '3xx'),
      row('Hono hello-world, same machine, same run', helloWorld, '2xx'),
    ]);
    const rps = status.requests.average;
    console.log(`status: ${Math.round(rps).toLocaleString('en-US')} req/s (goal ≥ 20,000) ${rps >= 20_000 ? 'MET' : 'NOT MET'}; ` +
      `p99 ${status.latency.p99} ms (goal ≤ 5 ms) ${status.latency.p99 <= 5 ? 'MET' : 'NOT MET'}; ` +
      `${((rps / helloWorld.requests.average) * 100).toFixed(0)}% of hello-world`);
    console.log('Each run has one core for the server and one for the load generator (this process): the side whose CPU µs/req ' +
      'is near 1,000,000 / (req/s) is the one that limits the run.');
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
