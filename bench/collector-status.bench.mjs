// GET /v1/status throughput and latency of the built collector CLI on loopback (1,000 users with profiles),
// printed beside a Hono hello-world on @hono/node-server measured in the same run.
//
// Fairness: every run uses the same load generator (closed-loop.mjs: raw keep-alive sockets writing prebuilt
// request buffers, which costs the generator 22-37 µs of CPU per request here against autocannon's 29-62 µs; the
// server shares the machine's 2 cores with it), a pre-built list of 1,000 requests (one per user; the hello-world
// gets the same paths and query strings, which it ignores). The CPU time each process spent per request is
// printed, so it shows which side limits a run.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closedLoop, listeningUrl, percentile } from './closed-loop.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const requireCollector = createRequire(join(ROOT, 'packages/collector/package.json'));

const DURATION_SEC = Number(process.env.BENCH_DURATION_SEC ?? 10);
/** Status reads per second as a share of hello-world's in the same run (see the verdict). */
const RATIO_GOAL = 0.27;
/** Each measure runs in this many rounds of DURATION_SEC / ROUNDS, the three measures taking turns, and the
 * median round is reported: a burst of other work on the machine then hits one round, not one measure. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;
const USERS = 1000;
const WRITE_KEY = 'wk_bench';
/** The page origin of the browser-read run (on the project's CORS allow-list). */
const ORIGIN = 'https://app.example';
const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-'));

function startCollector() {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ') ?? []), join(ROOT, 'packages/collector/dist/node/cli.js'), 'serve', '--port', '0', '--db', join(dir, 'status.db')], {
    env: { ...process.env, WAYMARK_WRITE_KEY: WRITE_KEY, WAYMARK_SECRET_KEY: 'sk_bench', WAYMARK_KEY_RPS: '0', WAYMARK_IP_RPS: '0', WAYMARK_CORS_ORIGINS: ORIGIN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return listeningUrl(child).then((url) => ({ child, url }));
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
  return listeningUrl(child).then((url) => ({ child, url }));
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

/** GET requests as whole HTTP/1.1 buffers, one per path. */
function getRequests(url, paths, headers = {}) {
  const { host } = new URL(url);
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return paths.map((path) => Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}\r\n`));
}

/** One measured run: req/s, p50/p99 and the answers by status, with each side's CPU time per request. */
async function measure(target, durationSec) {
  const server0 = cpuUsOf(target.pid);
  const generator0 = process.cpuUsage();
  const result = await closedLoop({ url: target.url, connections: CONNECTIONS, durationSec, request: (n) => target.requests[n % target.requests.length] });
  const generator = process.cpuUsage(generator0);
  const server1 = cpuUsOf(target.pid);
  const n = Math.max(1, result.requests);
  const sorted = result.latenciesMs.sort((a, b) => a - b);
  return {
    rps: result.requests / durationSec, p50: percentile(sorted, 0.5) ?? NaN, p99: percentile(sorted, 0.99) ?? NaN, errors: result.errors, total: result.requests, statuses: result.statuses,
    serverUsPerReq: server0 === undefined || server1 === undefined ? undefined : (server1 - server0) / n,
    generatorUsPerReq: (generator.user + generator.system) / n,
  };
}

/** A 2 s unmeasured warm-up of each target (JIT, caches), then ROUNDS turns over all of them; the median round of each. */
async function measureInTurns(targets) {
  for (const t of targets) await measure(t, 2);
  const rounds = targets.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, t] of targets.entries()) rounds[i].push(await measure(t, DURATION_SEC / ROUNDS));
  }
  return rounds.map((rs) => [...rs].sort((a, b) => a.rps - b.rps)[rs.length >> 1]);
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
    // Verified reads, as a page gets them on the collector's defaults (identity verification on): each user's hash
    // from the app's backend (the collector remembers expected hashes, so a repeated read costs no HMAC).
    const hashOf = (u) => createHmac('sha256', 'sk_bench').update(`user-${u}`).digest('hex');
    const query = (u) => `?userId=user-${u}&userHash=${hashOf(u)}&writeKey=${WRITE_KEY}`;
    const paths = Array.from({ length: USERS }, (_, u) => `/v1/status${query(u)}`);
    const etags = await etagsOf(collector.url, paths);
    const [status, browser, revalidate, helloWorld] = await measureInTurns([
      { url: collector.url, pid: collector.child.pid, requests: getRequests(collector.url, paths) },
      { url: collector.url, pid: collector.child.pid, requests: getRequests(collector.url, paths, { Origin: ORIGIN }) },
      // One ETag per path: each revalidation request carries its own path's.
      { url: collector.url, pid: collector.child.pid, requests: paths.map((path, u) => getRequests(collector.url, [path], { 'If-None-Match': etags[u] })[0]) },
      { url: hello.url, pid: hello.child.pid, requests: getRequests(hello.url, paths.map((_p, u) => `/${query(u)}`)) },
    ]);
    const us = (v) => (v === undefined ? 'n/a' : v.toFixed(0));
    const ms = (v) => Number(v.toFixed(1));
    const row = (name, r, expected) => ({
      measure: name, 'req/s': Math.round(r.rps).toLocaleString('en-US'), 'p50 ms': ms(r.p50), 'p99 ms': ms(r.p99),
      'server CPU µs/req': us(r.serverUsPerReq), 'load gen. CPU µs/req': us(r.generatorUsPerReq), 'unexpected answers': r.errors + r.total - (r.statuses.get(expected) ?? 0),
    });
    console.log(`GET /v1/status, loopback, ${CONNECTIONS} connections, ${DURATION_SEC} s each in ${ROUNDS} alternating rounds (median round shown), ${USERS} users with profiles, ` +
      `same pre-built request list shape for every run; load average at start ${loadAtStart}`);
    console.table([
      row('collector GET /v1/status (200, full snapshot)', status, 200),
      row('same, from a page (Origin → CORS headers)', browser, 200),
      row('collector GET /v1/status (If-None-Match → 304)', revalidate, 304),
      row('Hono hello-world, same machine, same run', helloWorld, 200),
    ]);
    // The verdict is the ratio to a Hono hello-world measured in the same run (the owners' decision: this shared host's
    // speed moves within a minute); the absolute figure is reported only. The goal keeps issue 3's 20k req/s against
    // the ~75k hello-world of TOOLCHAIN.md's reference machine: ≥ 27% of hello-world.
    const { rps } = status;
    const ratio = rps / helloWorld.rps;
    console.log(`status: ${Math.round(rps).toLocaleString('en-US')} req/s = ${(ratio * 100).toFixed(0)}% of hello-world (goal ≥ ${RATIO_GOAL * 100}%) ` +
      `${ratio >= RATIO_GOAL ? 'MET' : 'NOT MET'}; p99 ${ms(status.p99)} ms (goal ≤ 5 ms) ${status.p99 <= 5 ? 'MET' : 'NOT MET'}`);
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
