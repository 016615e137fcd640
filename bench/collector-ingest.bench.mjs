// Ingest throughput and latency of the built collector CLI on loopback: POST /v1/batch, 100 events per
// batch, profiles + dedupe on, synchronous=FULL, at 4, 2 and 1 concurrent connections (three points of the
// latency-throughput curve); printed beside the raw better-sqlite3 insert rate of the same rows (same schema
// and indexes, one transaction per 100 rows) measured in this run, in slices between the collector's segments.
// Two shapes of batch, alternating in the same run: one device and user per batch (a browser), and 100 different
// users per batch (a server-side source: Segment's or RudderStack's Node libraries, imports, backfills).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedLoop, cpuSecOf, listeningUrl, percentile, templateRequests } from './closed-loop.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const requireCollector = createRequire(join(ROOT, 'packages/collector/package.json'));
const Database = requireCollector('better-sqlite3');
// BENCH_COLLECTOR_DIST: another build output of the collector package (e.g. `dist-b`), to compare variants in
// alternating runs without racing other builds of `dist`. @default dist
const DIST = join(ROOT, 'packages/collector', process.env.BENCH_COLLECTOR_DIST ?? 'dist');
const { migrate } = await import(join(DIST, 'node/migrate.js'));
const { emptyFacts, reduceEvents } = await import(join(ROOT, 'packages/core/dist/index.js'));

const DURATION_SEC = Number(process.env.BENCH_DURATION_SEC ?? 10);
const CONNECTIONS = 4;
const SEGMENT_SEC = 2;
const BATCH = 100;
const USERS = 10_000;
const WRITE_KEY = 'wk_bench';
const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-'));

/** One batch: one device (anonymousId + userId), 100 track events with small properties. */
function batchEvents(n) {
  const now = new Date().toISOString();
  const user = typeof n === 'number' ? n % USERS : n;
  const events = new Array(BATCH);
  for (let i = 0; i < BATCH; i++) {
    events[i] = {
      type: 'track', event: i % 10 === 0 ? 'Order Completed' : `Event ${i % 20}`, messageId: `b${n}-${i}`,
      anonymousId: `anon-${user}`, userId: `user-${user}`, timestamp: now,
      properties: { i, plan: 'pro', revenue: i % 10 === 0 ? 19.99 : undefined, path: '/app/dashboard' },
      context: { library: { name: 'bench', version: '1' }, sessionId: `s-${user}`, streamId: `st-${user}`, seq: i },
    };
  }
  return { batch: events, sentAt: now };
}

/**
 * Raw better-sqlite3 inserts of the same rows: same schema and indexes, default pragmas apart from WAL and
 * `synchronous`, one transaction per 100 rows, back to back, into one file per setting that grows during the
 * run like the collector's. `slice(seconds)` times only the transactions: rows and their JSON payloads are
 * built beforehand, 50 batches at a time (`rowsInLoop` = the old method, which also timed building and
 * serialising every row, kept for comparison).
 */
function rawInserter(synchronous, rowsInLoop = false) {
  const db = new Database(join(dir, `raw-${synchronous}${rowsInLoop ? '-old' : ''}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  migrate(db);
  const insert = db.prepare(`INSERT OR IGNORE INTO events (project_id, message_id, type, user_id, anonymous_id, name, timestamp_ms,
    original_timestamp, sent_at, received_at_ms, ip, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const tx = db.transaction((rows) => {
    for (const r of rows) insert.run('p', r.messageId, r.type, r.userId, r.anonymousId, r.event, r.nowMs, r.timestamp, null, r.nowMs, null, r.payload);
  });
  const rowsOf = (n) => batchEvents(n).batch.map((e) => ({ ...e, nowMs: Date.now(), payload: JSON.stringify(e) }));
  let n = 0;
  const total = { rows: 0, timedMs: 0 };
  return {
    total,
    /** Inserts for about `seconds` of timed work; adds to `total`. */
    slice(seconds) {
      let timedMs = 0;
      while (timedMs < seconds * 1000) {
        const chunk = [];
        for (let i = 0; i < 50 && !rowsInLoop; i++) chunk.push(rowsOf(n++));
        const start = performance.now();
        if (rowsInLoop) for (const end = start + 100; performance.now() < end; total.rows += BATCH) tx(rowsOf(n++));
        else for (const batch of chunk) tx(batch);
        timedMs += performance.now() - start;
        total.rows += rowsInLoop ? 0 : chunk.length * BATCH;
      }
      total.timedMs += timedMs;
    },
    rate: () => total.rows / (total.timedMs / 1000),
    close: () => db.close(),
  };
}

/** A mixed batch (server-side source): event i of batch n belongs to user n-i (own anonymous id, user id, stream). */
function mixedEvents(n) {
  const { batch, sentAt } = batchEvents(n);
  return {
    sentAt,
    batch: batch.map((e, i) => ({
      ...e, anonymousId: `anon-${n}-${i}`, userId: `user-${n}-${i}`,
      context: { ...e.context, sessionId: `s-${n}-${i}`, streamId: `st-${n}-${i}` },
    })),
  };
}

/**
 * Raw better-sqlite3 writes of a batch's whole write set, one transaction per batch, synchronous=NORMAL (no fsync:
 * the rows' CPU, to set against the collector's CPU per event, whose group commits share their fsyncs): its event rows, and per
 * user of the batch one identity-link row and one profile row (the facts JSON the collector would store, built
 * beforehand like the rows). One user per batch (`single`) or 100 (`mixed`): what the rows alone cost, without the
 * collector's lookups, folding, HTTP and validation.
 */
function rawWriteSet(shape) {
  const db = new Database(join(dir, `raw-ws-${shape}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  const insert = db.prepare(`INSERT OR IGNORE INTO events (project_id, message_id, type, user_id, anonymous_id, name, timestamp_ms,
    original_timestamp, sent_at, received_at_ms, ip, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const link = db.prepare(`INSERT INTO identity_links (project_id, kind, id, user_id, created_at_ms) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (project_id, kind, id) DO UPDATE SET user_id = excluded.user_id`);
  const profile = db.prepare(`INSERT INTO profiles (project_id, profile_key, facts, version, updated_at_ms) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (project_id, profile_key) DO UPDATE SET facts = excluded.facts, version = excluded.version, updated_at_ms = excluded.updated_at_ms`);
  const tx = db.transaction(({ rows, users }) => {
    for (const r of rows) insert.run('p', r.messageId, r.type, r.userId, r.anonymousId, r.event, r.nowMs, r.timestamp, null, r.nowMs, null, r.payload);
    for (const u of users) {
      link.run('p', 'a', u.anonymousId, u.userId, u.nowMs);
      profile.run('p', `u:${u.userId}`, u.facts, 1, u.nowMs);
    }
  });
  const writeSetOf = (n) => {
    const nowMs = Date.now();
    const { batch } = shape === 'mixed' ? mixedEvents(`w${n}`) : batchEvents(`w${n}`);
    const byUser = new Map();
    for (const e of batch) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e]);
    return {
      rows: batch.map((e) => ({ ...e, nowMs, payload: JSON.stringify(e) })),
      users: [...byUser].map(([userId, events]) => ({ userId, anonymousId: events[0].anonymousId, nowMs, facts: JSON.stringify(reduceEvents(emptyFacts(), events)) })),
    };
  };
  let n = 0;
  const total = { rows: 0, timedMs: 0 };
  return {
    slice(seconds) {
      for (let timedMs = 0; timedMs < seconds * 1000; ) {
        const chunk = Array.from({ length: 20 }, () => writeSetOf(n++));
        const start = performance.now();
        for (const ws of chunk) tx(ws);
        timedMs += performance.now() - start;
        total.timedMs += performance.now() - start;
        total.rows += chunk.length * BATCH;
      }
    },
    rate: () => total.rows / (total.timedMs / 1000),
    close: () => db.close(),
  };
}

/** Busy CPU seconds of the whole machine so far, all processes (Linux /proc/stat; undefined elsewhere). */
function machineBusySec() {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).map(Number);
    const [user, nice, system, _idle, _iowait, irq, softirq, steal] = ticks;
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return undefined;
  }
}

function startCli(dbPath, nodeArgs) {
  const child = spawn(process.execPath, [...nodeArgs, join(DIST, 'node/cli.js'), 'serve', '--port', '0', '--db', dbPath], {
    env: { ...process.env, WAYMARK_WRITE_KEY: WRITE_KEY, WAYMARK_SECRET_KEY: 'sk_bench', WAYMARK_KEY_RPS: '0', WAYMARK_IP_RPS: '0', WAYMARK_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return listeningUrl(child).then((url) => ({ child, url }));
}

async function run() {
  // The machine is shared and its load moves within seconds, so the collector's measured time is cut into
  // 2-s segments with slices of the raw baselines before each and after the last: both see the same conditions.
  const raw = { full: rawInserter('FULL'), normal: rawInserter('NORMAL') };
  const rawOld = rawInserter('FULL', true);
  rawOld.slice(Math.min(2, DURATION_SEC));
  const writeSets = { single: rawWriteSet('single'), mixed: rawWriteSet('mixed') };
  const rawSlices = () => {
    raw.full.slice(0.75);
    raw.normal.slice(0.5);
    writeSets.single.slice(0.25);
    writeSets.mixed.slice(0.25);
  };

  const dbPath = join(dir, 'collector.db');
  const { child, url } = await startCli(dbPath, process.env.BENCH_NODE_ARGS?.split(' ') ?? []);
  const template = JSON.stringify(batchEvents('__N__')).replace(/"anonymousId":"anon-[^"]*"/g, '"anonymousId":"anon-__N__"')
    .replace(/"userId":"user-[^"]*"/g, '"userId":"user-__N__"').replace(/"streamId":"st-[^"]*"/g, '"streamId":"st-__N__"');
  // Unique messageIds per request from one prebuilt buffer per socket (closed-loop.mjs): the client shares the
  // 2 cores with the server, so it must not serialise 100 events (or even re-encode 30 KB) per request.
  const headers = { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` };
  const request = templateRequests({ url, path: '/v1/batch', body: template, headers });
  // Mixed: event i of batch n belongs to user n-i (its own anonymous id, user id and stream), 100 users per batch.
  const mixed = JSON.stringify(mixedEvents('__N__'));
  const requestMixed = templateRequests({ url, path: '/v1/batch', body: mixed, headers });
  const countStored = () => {
    const db = new Database(dbPath, { readonly: true });
    const rows = db.prepare('SELECT count(*) FROM events').pluck().get();
    db.close();
    return rows;
  };
  let non200 = 0;
  let errors = 0;
  let n = 0; // across all runs: every batch has new messageIds
  const load = async (connections, durationSec, shape = 'single') => {
    const make = shape === 'mixed' ? requestMixed : request;
    const result = await closedLoop({ url, connections, durationSec, request: (_, slot) => make(n++, slot) });
    for (const [status, count] of result.statuses) if (status !== 200) non200 += count;
    errors += result.errors;
    return result;
  };
  // 2 s unmeasured warm-up (JIT), then the measured segments; events/s counts rows actually committed in them.
  await load(CONNECTIONS, 1);
  await load(CONNECTIONS, 1, 'mixed');
  const segments = Math.max(1, Math.round(DURATION_SEC / SEGMENT_SEC));
  // Closed loop: each connection sends its next batch when the last is answered, so once the collector is busy,
  // more connections add queueing, not throughput (mean latency = connections / batches per second). Segments at
  // 4, 2 and 1 connections alternate, so the three points of the latency-throughput curve see the same machine;
  // at 1 there is no queueing at all (and no group commit: one transaction and one WAL sync per batch).
  const levels = [[CONNECTIONS, 'single'], [CONNECTIONS, 'mixed'], [CONNECTIONS / 2, 'single'], [1, 'single'], [1, 'mixed']]
    .map(([connections, shape]) => ({ connections, shape, stored: 0, cpuSec: 0, clientSec: 0, latencies: [] }));
  let othersSec = 0; // CPU used during the segments by processes other than the collector and this bench
  for (let i = 0; i < segments; i++) {
    for (const level of levels) {
      rawSlices();
      const before = countStored();
      const cpuBefore = cpuSecOf(child.pid);
      const machineBefore = machineBusySec();
      const ownBefore = process.cpuUsage();
      const { latenciesMs } = await load(level.connections, SEGMENT_SEC, level.shape);
      const own = process.cpuUsage(ownBefore);
      const collectorSec = cpuSecOf(child.pid) - cpuBefore;
      othersSec += machineBusySec() - machineBefore - collectorSec - (own.user + own.system) / 1e6;
      level.stored += countStored() - before;
      level.cpuSec += collectorSec;
      level.clientSec += (own.user + own.system) / 1e6;
      for (const ms of latenciesMs) level.latencies.push(ms);
    }
  }
  rawSlices();
  for (const level of levels) level.latencies.sort((a, b) => a - b);
  const db = new Database(dbPath, { readonly: true });
  const profiles = db.prepare('SELECT count(*) FROM profiles').pluck().get();
  db.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  for (const r of [raw.full, raw.normal, rawOld, writeSets.single, writeSets.mixed]) r.close();

  const measuredSec = segments * SEGMENT_SEC; // per level
  const rawFull = raw.full.rate();
  const rawNormal = raw.normal.rate();
  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  const points = levels.map((level) => ({
    ...level, eventsPerSec: level.stored / measuredSec, p50: Math.round(percentile(level.latencies, 0.5)), p99: Math.round(percentile(level.latencies, 0.99)),
  }));
  const connectionsOf = (pt) => `${pt.connections} connection${pt.connections > 1 ? 's' : ''}${pt.shape === 'mixed' ? ', 100 users per batch' : ''}`;
  console.log(`collector ingest, loopback, ${measuredSec} s at each of ${levels.map((l) => l.connections).join(', ')} connections in alternating ${SEGMENT_SEC}-s segments, batches of ${BATCH}, profiles + dedupe on`);
  console.table([
    ...points.map((pt) => ({ measure: `collector POST /v1/batch (synchronous=FULL), ${connectionsOf(pt)}`, 'events/s': fmt(pt.eventsPerSec),
      'batches/s': fmt(pt.latencies.length / measuredSec), '% of raw FULL': `${((pt.eventsPerSec / rawFull) * 100).toFixed(0)}%`, 'p50 ms': pt.p50, 'p99 ms': pt.p99,
      'server CPU ms / 1k events': (pt.cpuSec * 1e6 / pt.stored).toFixed(1), 'client CPU µs / batch': Math.round(pt.clientSec * 1e6 / pt.latencies.length) })),
    { measure: 'raw better-sqlite3 insert, same rows, FULL (slices between the segments)', 'events/s': fmt(rawFull) },
    { measure: 'raw better-sqlite3 insert, same rows, NORMAL (same)', 'events/s': fmt(rawNormal) },
    { measure: 'raw FULL, old method (rows built + serialised in the timed loop)', 'events/s': fmt(rawOld.rate()) },
    { measure: 'raw write set NORMAL, 1 user per batch: events + 1 link + 1 profile row', 'events/s': fmt(writeSets.single.rate()) },
    { measure: 'raw write set NORMAL, 100 users per batch: events + 100 links + 100 profile rows', 'events/s': fmt(writeSets.mixed.rate()) },
  ]);
  // The goal: at least 50% of raw FULL *with* p99 <= 20 ms, i.e. a point of the curve that has both.
  const verdict = (pt) => `${connectionsOf(pt)}: ${((pt.eventsPerSec / rawFull) * 100).toFixed(0)}% of raw, p99 ${pt.p99} ms`;
  const meeting = points.filter((pt) => pt.shape === 'single' && pt.eventsPerSec >= 0.5 * rawFull && pt.p99 <= 20);
  console.log(`goal ≥ 50% of raw FULL with p99 ≤ 20 ms: ${meeting.length > 0 ? `MET at ${meeting.map((pt) => pt.connections).join(' and ')} connections` : 'NOT MET'}  (${points.map(verdict).join('; ')})`);
  // Issue 17's goal for server-side sources: mixed batches at >= 70% of the single-user rate, p99 <= 20 ms, 4 connections.
  const [single4, mixed4] = points;
  const ratio = mixed4.eventsPerSec / single4.eventsPerSec;
  console.log(`goal mixed ≥ 70% of single-user with p99 ≤ 20 ms at ${CONNECTIONS} connections: ${ratio >= 0.7 && mixed4.p99 <= 20 ? 'MET' : 'NOT MET'}  (mixed ${fmt(mixed4.eventsPerSec)} vs single ${fmt(single4.eventsPerSec)} events/s = ${(ratio * 100).toFixed(0)}%; p99 ${mixed4.p99} vs ${single4.p99} ms)`);
  // What the rows alone cost more per mixed event, against what the collector spends more per mixed event.
  const usPerEvent = (rate) => 1e6 / rate;
  const rowsExtra = usPerEvent(writeSets.mixed.rate()) - usPerEvent(writeSets.single.rate());
  const collectorExtra = (mixed4.cpuSec / mixed4.stored - single4.cpuSec / single4.stored) * 1e6;
  console.log(`per mixed event, over a single-user one: the rows alone +${rowsExtra.toFixed(1)} µs (raw write sets: mixed at ${((writeSets.mixed.rate() / writeSets.single.rate()) * 100).toFixed(0)}% of single); the collector +${collectorExtra.toFixed(1)} µs of CPU`);
  console.log(`collector / raw NORMAL (TOOLCHAIN's 365k reference setting), ${points[0].connections} connections: ${((points[0].eventsPerSec / rawNormal) * 100).toFixed(0)}%`);
  const stored = points.reduce((sum, pt) => sum + pt.stored, 0);
  const cpuSec = points.reduce((sum, pt) => sum + pt.cpuSec, 0);
  if (Number.isFinite(cpuSec)) console.log(`collector CPU: ${((cpuSec * 1000) / (stored / 1000)).toFixed(1)} ms per 1,000 events (${(cpuSec / (levels.length * measuredSec) * 100).toFixed(0)}% of one core)`);
  // The machine is shared: p99 moves with what else runs (compare runs made at similar other load).
  if (Number.isFinite(othersSec)) console.log(`other processes during the measured segments: ${Math.max(0, othersSec / (levels.length * measuredSec)).toFixed(2)} cores`);
  console.log(`stored ${fmt(stored)} events in ${fmt(profiles)} profiles; non-200 answers: ${non200}; errors + timeouts: ${errors}`);
}

try {
  await run();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
