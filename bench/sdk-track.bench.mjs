// In real Chromium (after `pnpm -r build`): mean main-thread cost of track() over 10,000 calls, time to init,
// and JS heap growth with 10,000 events queued (the collector answering 503, so they stay queued).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const CALLS = 10_000;
const ROUNDS = 3;
const iife = readFileSync(fileURLToPath(new URL('../packages/sdk/dist/waymark.iife.js', import.meta.url)));

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
  if (req.url === '/waymark.iife.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(iife);
  res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title><script src="/waymark.iife.js"></script>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.WAYMARK_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  // 1. track() cost and time to init, on a fresh page per round: createTracker (tracking only, issue 2) and
  //    createWaymark (tracking + on-device status, which folds every event into the user's facts).
  const results = {};
  for (const factory of ['createTracker', 'createWaymark']) {
    const r = (results[factory] = { syncUs: [], withWriteUs: [], initMs: [], readyMs: [] });
    for (let round = 0; round < ROUNDS; round++) {
      const page = await context.newPage();
      await page.goto(`${origin}/?${factory}-${round}`);
      const m = await page.evaluate(async ({ host, calls, factory }) => {
        const t0 = performance.now();
        const tracker = Waymark[factory]({ writeKey: 'wk_bench', host, storagePrefix: `bench${Math.random()}` });
        const t1 = performance.now();
        await tracker.ready();
        const t2 = performance.now();
        tracker.track('warm up');
        await new Promise((resolve) => setTimeout(resolve, 50));
        const props = { plan: 'pro', step: 3, source: 'bench', flags: [true, false] };
        const s0 = performance.now();
        for (let i = 0; i < calls; i++) tracker.track('Bench Event', props);
        const s1 = performance.now();
        // The same calls' share of the per-task work after them (serialisation, the IndexedDB transaction it opens).
        await new Promise((resolve) => setTimeout(resolve, 0));
        const s2 = performance.now();
        await tracker.flush();
        return { initMs: t1 - t0, readyMs: t2 - t0, syncUs: ((s1 - s0) * 1000) / calls, withWriteUs: ((s2 - s0) * 1000) / calls };
      }, { host: origin, calls: CALLS, factory });
      for (const key of Object.keys(r)) r[key].push(m[key]);
      await page.close();
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
      open.onsuccess = () => {
        const count = open.result.transaction('events').objectStore('events').count();
        count.onsuccess = () => {
          open.result.close();
          resolve(count.result);
        };
      };
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
  console.log(`SDK in Chromium (${ROUNDS} rounds of ${CALLS.toLocaleString()} track() calls; medians; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`);
  console.log(`${'measure'.padEnd(44)} ${'Waymark'.padStart(10)}   goal / peers`);
  for (const [factory, r] of Object.entries(results)) {
    console.log(`${`${factory}: track() mean main-thread cost`.padEnd(44)} ${`${median(r.syncUs).toFixed(2)} µs`.padStart(10)}   goal ≤ 5 µs | Amplitude 7.8 µs | Mixpanel 133 µs`);
    console.log(`${'  incl. its share of the per-task work'.padEnd(44)} ${`${median(r.withWriteUs).toFixed(2)} µs`.padStart(10)}`);
    console.log(`${'  init: the factory returns'.padEnd(44)} ${`${median(r.initMs).toFixed(2)} ms`.padStart(10)}`);
    console.log(`${'  init: ready() (IndexedDB open)'.padEnd(44)} ${`${median(r.readyMs).toFixed(2)} ms`.padStart(10)}`);
  }
  console.log(`${`JS heap growth, ${CALLS.toLocaleString()} events queued`.padEnd(44)} ${`${mib(after - before)} MiB`.padStart(10)}   goal ≤ 5 MiB | Amplitude 12 MiB`);
  console.log(`${'  (while their IndexedDB write is in flight)'.padEnd(44)} ${`${mib(during - before)} MiB`.padStart(10)}`);
  console.log(`${'events waiting in IndexedDB'.padEnd(44)} ${String(queued).padStart(10)}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.closeAllConnections();
  server.close();
}
