// Ingest through the collector CLI on PostgreSQL 15 (a throwaway cluster, fsync on, synchronous_commit on): one
// process at 4 connections, and two processes on the same database at 2 connections each; beside a bare multi-row
// INSERT of the same rows (100 per statement and transaction, 4 in flight) into the same schema, and the same
// insert with the adapter's advisory locks on the batch's profile keys in one transaction (what the locks cost). Alternating
// 2-s segments, so every target sees the same machine. Printed as ratios to the bare insert. Then GET /v1/status
// by user id (one indexed query per read: the adapter keeps no profile cache) beside the bare SELECT of the same row.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedLoop, cpuSecOf, listeningUrl, percentile, templateRequests } from './closed-loop.mjs';
import { postgresMissing, startThrowawayPostgres } from '../test/support/throwaway-postgres.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'packages/collector/dist');
const DURATION_SEC = Number(process.env.BENCH_DURATION_SEC ?? 6);
const SEGMENT_SEC = 2;
const CONNECTIONS = 4;
const BATCH = 100;
const USERS = 10_000;
const WRITE_KEY = 'wk_bench';

/** The rows of collector-ingest.bench.mjs: one device (anonymousId + userId), 100 track events. */
function batchEvents(n) {
  const now = new Date().toISOString();
  const user = typeof n === 'number' ? n % USERS : n;
  return {
    sentAt: now,
    batch: Array.from({ length: BATCH }, (_, i) => ({
      type: 'track', event: i % 10 === 0 ? 'Order Completed' : `Event ${i % 20}`, messageId: `b${n}-${i}`,
      anonymousId: `anon-${user}`, userId: `user-${user}`, timestamp: now,
      properties: { i, plan: 'pro', revenue: i % 10 === 0 ? 19.99 : undefined, path: '/app/dashboard' },
      context: { library: { name: 'bench', version: '1' }, sessionId: `s-${user}`, streamId: `st-${user}`, seq: i },
    })),
  };
}

function startCli(db) {
  const child = spawn(process.execPath, [join(DIST, 'node/cli.js'), 'serve', '--port', '0', '--db', db], {
    env: { ...process.env, WAYMARK_IDENTITY_VERIFICATION: '0', WAYMARK_WRITE_KEY: WRITE_KEY, WAYMARK_SECRET_KEY: 'sk_bench', WAYMARK_KEY_RPS: '0', WAYMARK_IP_RPS: '0', WAYMARK_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return listeningUrl(child).then((url) => ({ child, url }));
}

/** Bare multi-row inserts of prebuilt rows, `inFlight` transactions at once, for `seconds`; `locks`: take the adapter's key locks first. */
async function rawSlice(sql, rowsOf, seconds, locks) {
  const endAt = performance.now() + seconds * 1000;
  const latencies = [];
  let rows = 0;
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < endAt) {
      const r = rowsOf();
      const start = performance.now();
      const insert = (tx) => tx`INSERT INTO events (project_id, message_id, type, user_id, anonymous_id, name, timestamp_ms, original_timestamp, sent_at, received_at_ms, ip, payload)
        SELECT 'p', * FROM unnest(${r.messageId}::text[], ${r.type}::text[], ${r.userId}::text[], ${r.anonymousId}::text[], ${r.name}::text[], ${r.ts}::bigint[],
          ${r.original}::text[], ${r.sentAt}::text[], ${r.ts}::bigint[], ${r.ip}::text[], ${r.payload}::text[]) ON CONFLICT (project_id, message_id) DO NOTHING`;
      if (locks) {
        // One round trip, as the bare insert: BEGIN, the locks, the insert and COMMIT pipelined on one connection.
        const tx = await sql.reserve();
        try {
          await Promise.all([tx`BEGIN`, tx`SELECT waymark_lock_keys('p', ${r.keys}::text[])`, insert(tx), tx`COMMIT`]);
        } finally {
          tx.release();
        }
      } else await insert(sql);
      latencies.push(performance.now() - start);
      rows += BATCH;
    }
  }));
  return { rows, latencies };
}

async function run() {
  const pg = await startThrowawayPostgres({ fsync: true });
  try {
    const { createPostgresStorage } = await import(join(DIST, 'postgres/index.js'));
    const rawStorage = await createPostgresStorage({ url: await pg.createDatabase(), maxConnections: CONNECTIONS });
    const sql = rawStorage.sql;
    let rawN = 0;
    const rowsOf = () => {
      const { batch, sentAt } = batchEvents(`raw${rawN++}`);
      const ts = batch.map(() => Date.now());
      const col = (f) => batch.map(f);
      return { messageId: col((e) => e.messageId), type: col((e) => e.type), userId: col((e) => e.userId), anonymousId: col((e) => e.anonymousId),
        name: col((e) => e.event), ts, original: col((e) => e.timestamp), sentAt: col(() => sentAt), ip: col(() => null), payload: col((e) => JSON.stringify(e)),
        keys: [`u:${batch[0].userId}`, `a:${batch[0].anonymousId}`] };
    };
    const db = await pg.createDatabase();
    const one = await startCli(db);
    const two = await startCli(db);
    const template = JSON.stringify(batchEvents('__N__')).replace(/"anonymousId":"anon-[^"]*"/g, '"anonymousId":"anon-__N__"')
      .replace(/"userId":"user-[^"]*"/g, '"userId":"user-__N__"').replace(/"streamId":"st-[^"]*"/g, '"streamId":"st-__N__"');
    const headers = { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` };
    const requests = [one, two].map(({ url }) => templateRequests({ url, path: '/v1/batch', body: template, headers }));
    let n = 0;
    const collectorSlice = async (targets, seconds) => {
      const cpuBefore = cpuSecOf(one.child.pid) + cpuSecOf(two.child.pid);
      const results = await Promise.all(targets.map((i) => closedLoop({ url: [one, two][i].url, connections: CONNECTIONS / targets.length, durationSec: seconds,
        request: (_, slot) => requests[i](n++, slot) })));
      const ok = results.reduce((s, r) => s + (r.statuses.get(200) ?? 0), 0);
      const bad = results.reduce((s, r) => s + r.requests - (r.statuses.get(200) ?? 0) + r.errors, 0);
      const cpuSec = cpuSecOf(one.child.pid) + cpuSecOf(two.child.pid) - cpuBefore;
      return { rows: ok * BATCH, bad, cpuSec, latencies: results.flatMap((r) => r.latenciesMs) };
    };
    const targets = [
      { name: 'bare multi-row INSERT, same rows, 4 in flight', slice: (s) => rawSlice(sql, rowsOf, s, false) },
      { name: 'same INSERT + advisory locks on the batch\'s keys', slice: (s) => rawSlice(sql, rowsOf, s, true) },
      { name: 'collector, 1 process, 4 connections', slice: (s) => collectorSlice([0], s) },
      { name: 'collector, 2 processes, 2 connections each', slice: (s) => collectorSlice([0, 1], s) },
    ].map((t) => ({ ...t, rows: 0, bad: 0, cpuSec: 0, latencies: [] }));
    await collectorSlice([0, 1], 1); // warm-up (JIT, connections)
    await rawSlice(sql, rowsOf, 0.5, true);
    const segments = Math.max(1, Math.round(DURATION_SEC / SEGMENT_SEC));
    for (let i = 0; i < segments; i++) {
      for (const t of targets) {
        const r = await t.slice(SEGMENT_SEC);
        t.rows += r.rows;
        t.bad += r.bad ?? 0;
        t.cpuSec += r.cpuSec ?? 0;
        t.latencies.push(...r.latencies);
      }
    }
    const reads = await statusReads(one, db);
    const check = postgresClient(db);
    const [{ events, profiles }] = await check`SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM profiles)::int AS profiles`;
    await check.end();
    for (const { child } of [one, two]) child.kill('SIGTERM');
    await Promise.all([one, two].map(({ child }) => new Promise((r) => child.once('exit', r))));
    await rawStorage.close();

    const seconds = segments * SEGMENT_SEC;
    const bare = targets[0].rows / seconds;
    const fmt = (x) => Math.round(x).toLocaleString('en-US');
    console.log(`PostgreSQL 15 ingest, loopback, fsync on, synchronous_commit on, batches of ${BATCH}, ${seconds} s per target in alternating ${SEGMENT_SEC}-s segments`);
    console.table(targets.map((t) => {
      const sorted = t.latencies.sort((a, b) => a - b);
      return { measure: t.name, 'events/s': fmt(t.rows / seconds), 'ratio to bare INSERT': `${((t.rows / seconds / bare) * 100).toFixed(0)}%`,
        'p50 ms': Math.round(percentile(sorted, 0.5)), 'p99 ms': Math.round(percentile(sorted, 0.99)), 'non-200': t.bad,
        'collector CPU ms / 1k events': t.cpuSec ? (t.cpuSec * 1e6 / t.rows).toFixed(1) : '' };
    }));
    console.log(`GET /v1/status by user id, ${STATUS_CONNECTIONS} connections, ${reads.seconds} s each in alternating segments, ${reads.users} users with profiles`);
    console.table(reads.rows);
    console.log(`collector database: ${fmt(events)} events, ${fmt(profiles)} profiles`);
  } finally {
    await pg.stop();
  }
}

const STATUS_CONNECTIONS = 8;

/** Status reads through the collector beside the bare indexed SELECT of the same profiles (same connections in flight). */
async function statusReads(collector, db) {
  const sql = postgresClient(db, { max: STATUS_CONNECTIONS });
  const users = (await sql`SELECT profile_key FROM profiles WHERE profile_key LIKE 'u:%' ORDER BY profile_key LIMIT 1000`).map((r) => r.profile_key.slice(2));
  const { host } = new URL(collector.url);
  const buffers = users.map((u) => Buffer.from(`GET /v1/status?writeKey=${WRITE_KEY}&userId=${u} HTTP/1.1\r\nHost: ${host}\r\n\r\n`));
  const targets = [
    { name: 'bare SELECT of the profile row (postgres client)', reads: 0, latencies: [], async slice(seconds) {
      const endAt = performance.now() + seconds * 1000;
      let n = 0;
      await Promise.all(Array.from({ length: STATUS_CONNECTIONS }, async () => {
        while (performance.now() < endAt) {
          const start = performance.now();
          await sql`SELECT facts, version, updated_at_ms FROM profiles WHERE project_id = 'default' AND profile_key = ${`u:${users[n++ % users.length]}`}`;
          this.latencies.push(performance.now() - start);
          this.reads++;
        }
      }));
    } },
    { name: 'collector GET /v1/status (status evaluated, ETag, JSON)', reads: 0, latencies: [], bad: 0, async slice(seconds) {
      const r = await closedLoop({ url: collector.url, connections: STATUS_CONNECTIONS, durationSec: seconds, request: (n) => buffers[n % buffers.length] });
      this.reads += r.statuses.get(200) ?? 0;
      this.bad += r.requests - (r.statuses.get(200) ?? 0) + r.errors;
      this.latencies.push(...r.latenciesMs);
    } },
  ];
  const seconds = 2;
  for (let i = 0; i < 2; i++) for (const t of targets) await t.slice(1);
  for (const t of targets) Object.assign(t, { reads: 0, latencies: [], bad: 0 }); // the first round warmed up
  for (let i = 0; i < seconds; i++) for (const t of targets) await t.slice(1);
  await sql.end();
  const bare = targets[0].reads / seconds;
  return { seconds, users: users.length, rows: targets.map((t) => {
    const sorted = t.latencies.sort((a, b) => a - b);
    return { measure: t.name, 'reads/s': Math.round(t.reads / seconds).toLocaleString('en-US'), 'ratio to bare SELECT': `${((t.reads / seconds / bare) * 100).toFixed(0)}%`,
      'p50 ms': percentile(sorted, 0.5).toFixed(1), 'p99 ms': percentile(sorted, 0.99).toFixed(1), 'non-200': t.bad ?? 0 };
  }) };
}

let postgresClient;
const missing = postgresMissing();
if (missing) console.log(`skipped: ${missing}`);
else {
  postgresClient = (await import('postgres')).default;
  await run();
}
