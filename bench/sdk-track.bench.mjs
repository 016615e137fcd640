// In real Chromium (after `pnpm -r build`): mean cost of track() over 10,000 calls, time to init, and JS heap
// growth with 10,000 events queued (the collector answering 503, so they stay queued).
//
// What "track() cost including the asynchronous work it queues" means here: the wall time from the first of
// 10,000 calls until the task's IndexedDB write transaction has committed, divided by 10,000. It covers the
// calls themselves, the per-task work they queue (the status layer's fold, JSON serialisation, the store write)
// and IndexedDB's own work. "Committed" is observed from outside the SDK: in the next task the page opens a
// read-only transaction over the queue's stores on its own connection; IndexedDB starts it only after every
// earlier read-write transaction on those stores has finished, and it counts the events there (repeated until
// all 10,000 are seen). Sending to the collector is not part of it (the bench does not flush).
//
// WAYMARK_VARIANTS (below) adds other builds; variants alternate round by round on the same machine, so a loaded
// machine slows them alike. Ranges over rounds are printed, not single numbers.
//
// Why the old version of this bench "crashed" at its first page.evaluate: it awaited tracker.flush() in every
// round, sending 10,000 events as 500 requests of 20 (~45 s per round under load), so the run outlived the
// caller's timeout; playwright-core closes the browser on SIGTERM/SIGINT and the pending evaluate then fails
// with "Target page, context or browser has been closed". No flag and no crash in Chromium was involved.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const CALLS = 10_000;
const ROUNDS = Number(process.env.WAYMARK_BENCH_ROUNDS ?? 3);
const GOAL_US = 20;
const builds = { current: readFileSync(fileURLToPath(new URL('../packages/sdk/dist/waymark.iife.js', import.meta.url))) };
// WAYMARK_VARIANTS="name=/path/to/waymark.iife.js,…": more builds to compare with this one (e.g. main's, or a branch's).
for (const pair of (process.env.WAYMARK_VARIANTS ?? '').split(',').filter(Boolean)) {
  const [name, path] = pair.split('=');
  builds[name] = readFileSync(path);
}
const iife = builds.current;

// One loopback server: the page and SDK, and a collector stand-in (/v1/batch) that is "down" (503) or up (200).
let collectorUp = true;
const server = createServer((req, res) => {
  if (req.url.startsWith('/v1/batch')) {
    req.resume();
    req.on('end', () => {
      res.writeHead(collectorUp ? 200 : 503, { 'access-control-allow-origin': '*', 'content-type': 'application/json' });
      res.end(collectorUp ? '{"accepted":0,"duplicates":[],"rejected":[]}' : '{}');
    });
    return;
  }
  const build = /^\/(\w+)\.js$/.exec(req.url)?.[1];
  if (build && builds[build]) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(builds[build]);
  const variant = new URL(req.url, 'http://x').searchParams.get('build') ?? 'current';
  res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>bench</title><script src="/${variant}.js"></script>`);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.WAYMARK_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});

/** Injected into every page: events in the SDK's queue database, in one read-only transaction over its stores. */
function queuedEvents(db) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(db.objectStoreNames, 'readonly');
    // Version 2 keeps the count in its totals record (events live in chunks); version 1 has a record per event.
    const count = db.objectStoreNames.contains('chunks') ? tx.objectStore('kv').get('~queue') : tx.objectStore('events').count();
    tx.oncomplete = () => resolve(typeof count.result === 'number' ? count.result : (count.result?.count ?? 0));
    tx.onerror = () => reject(tx.error);
  });
}
await context.addInitScript(`window.queuedEvents = ${queuedEvents}`);

const range = (xs) => (xs.length ? `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}` : '-');

try {
  // 1. track() cost and time to init, on a fresh page per round: createTracker (tracking only) and createWaymark
  //    (tracking + on-device status, which folds every event into the user's facts); variants alternate.
  const results = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const factory of ['createTracker', 'createWaymark']) {
      for (const build of Object.keys(builds)) {
        const r = (results[`${factory} ${build}`] ??= { syncUs: [], totalUs: [], initMs: [], readyMs: [] });
        const page = await context.newPage();
        await page.goto(`${origin}/?build=${build}&${factory}-${round}`);
        const m = await page.evaluate(async ({ host, calls, factory }) => {
          const prefix = `bench${Math.random()}`;
          const t0 = performance.now();
          const tracker = Waymark[factory]({ writeKey: 'wk_bench', host, storagePrefix: prefix });
          const t1 = performance.now();
          await tracker.ready();
          const t2 = performance.now();
          tracker.track('warm up');
          await new Promise((resolve) => setTimeout(resolve, 50));
          // The bench's own connection to the queue's database, opened before the timed part.
          const db = await new Promise((resolve, reject) => {
            const open = indexedDB.open(`${prefix}:wk_bench`);
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          /** Events in the queue, read in a read-only transaction (which waits for earlier writes to commit). */
          const queued = () => window.queuedEvents(db);
          const before = await queued();
          const props = { plan: 'pro', step: 3, source: 'bench', flags: [true, false] };
          const s0 = performance.now();
          for (let i = 0; i < calls; i++) tracker.track('Bench Event', props);
          const s1 = performance.now();
          let seen = 0;
          // Next task: the SDK's write transaction exists by now (it is opened at the end of the tracking task).
          while ((seen = await new Promise((resolve) => setTimeout(resolve, 0)).then(queued)) < before + calls) {
            if (performance.now() - s0 > 60_000) throw new Error(`only ${seen - before} of ${calls} events reached IndexedDB`);
          }
          const s2 = performance.now();
          db.close();
          return { initMs: t1 - t0, readyMs: t2 - t0, syncUs: ((s1 - s0) * 1000) / calls, totalUs: ((s2 - s0) * 1000) / calls };
        }, { host: origin, calls: CALLS, factory });
        for (const key of Object.keys(r)) r[key].push(m[key]);
        await page.close();
      }
    }
  }

  // 2. Heap growth with 10,000 events queued and the collector down.
  collectorUp = false;
  const page = await context.newPage();
  await page.goto(`${origin}/?heap`);
  const cdp = await context.newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  await page.evaluate(async (host) => {
    window.tracker = Waymark.createWaymark({ writeKey: 'wk_bench', host, storagePrefix: 'heap', maxRetryDelayMs: 60_000 });
    await window.tracker.ready();
    window.tracker.track('warm up');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }, origin);
  const countQueued = () =>
    page.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open('heap:wk_bench');
      open.onsuccess = () => window.queuedEvents(open.result).then((n) => (open.result.close(), resolve(n)));
    }));
  const before = await heap();
  await page.evaluate((calls) => {
    for (let i = 0; i < calls; i++) window.tracker.track('Queued Event', { i, plan: 'pro', source: 'bench' });
  }, CALLS);
  // Right after the calls: the events are held in memory until their IndexedDB transaction commits.
  const during = await heap();
  // Then what stays once the write has landed (the queue lives in IndexedDB, not in the JS heap).
  const deadline = Date.now() + 30_000;
  let queued = 0;
  while ((queued = await countQueued()) < CALLS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await heap();
  const after = await heap();
  await page.close();

  const mib = (bytes) => (bytes / 1024 / 1024).toFixed(2);
  console.log(`SDK in Chromium (${ROUNDS} rounds of ${CALLS.toLocaleString()} track() calls; min–max over rounds; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`);
  console.log(`${'measure'.padEnd(52)} ${'Waymark'.padStart(13)}   goal / peers`);
  for (const [variant, r] of Object.entries(results)) {
    console.log(variant);
    console.log(`${'  track() incl. the async work it queues (µs/call)'.padEnd(52)} ${range(r.totalUs).padStart(13)}   goal ≤ ${GOAL_US} µs | Amplitude 46–62 µs`);
    console.log(`${'  track() synchronous part (µs/call)'.padEnd(52)} ${range(r.syncUs).padStart(13)}   goal ≤ 5 µs | Amplitude 7.8 µs | Mixpanel 133 µs`);
    console.log(`${'  init: the factory returns (ms)'.padEnd(52)} ${range(r.initMs).padStart(13)}`);
    console.log(`${'  init: ready() (IndexedDB open) (ms)'.padEnd(52)} ${range(r.readyMs).padStart(13)}`);
  }
  console.log(`${`JS heap growth, ${CALLS.toLocaleString()} events queued`.padEnd(52)} ${`${mib(after - before)} MiB`.padStart(13)}   goal ≤ 5 MiB | Amplitude 12 MiB`);
  console.log(`${'  (while their IndexedDB write is in flight)'.padEnd(52)} ${`${mib(during - before)} MiB`.padStart(13)}`);
  console.log(`${'events waiting in IndexedDB'.padEnd(52)} ${String(queued).padStart(13)}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.closeAllConnections();
  server.close();
}
