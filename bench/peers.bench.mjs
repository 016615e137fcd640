// Waymark beside its peers' browser SDKs, in ONE run in real Chromium, every request on 127.0.0.1 (after `npm run
// build`; `node bench/peers.bench.mjs`). How each library is loaded and configured: bench/peers/adapters.mjs.
// Per library: script-tag size (its browser bundle as shipped in its npm package), init time, track() cost, heap
// growth after 10,000 events, and how many of 100 events tracked while its endpoint is down survive a reload
// 2 s later and an immediate one. The machine is shared: libraries alternate within each round (the order
// rotates), rounds repeat, and medians [ranges] are printed; compare the ratios, not the absolute numbers.
//
// track() cost = main-thread task time (CDP Performance.getMetrics TaskDuration) from just before the first of
// 10,000 calls, made in 100 tasks of 100 (a macrotask between them, as an app's events come from separate user
// events), until the sink, answering 200 at once like a working collector, has received all of them (or none new
// for 5 s; at most 120 s) and the page's main thread has been quiet (< 2% busy) for 1 s, divided by 10,000: the
// calls plus the asynchronous work they queued (serialising, the library's own persistence writes, its requests).
// The loops alone are printed too ("sync"). Heap growth: CDP HeapProfiler.collectGarbage + Runtime.getHeapUsage before the calls
// and once settled. Then, endpoint down (503): 1,000 more calls the same way, their task time per call until
// quiet, and the heap growth while they wait (BENCH_DOWN_CALLS; 0 skips it).
// Survival: endpoint down (503), 100 events tracked, page reloaded 2 s later (a) or at once (b), library started
// again, page closed; endpoint back up, page reopened and library started: distinct events counted at the sink
// once 100 arrived or nothing new arrived for 15 s (at most 45 s), both counted from the end of the library's own
// recovery delay (adapter `recoveryMs`: RudderStack reclaims a closed page's queue only after 10–13.5 s).
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { adapters } from './peers/adapters.mjs';
import { blocked, openAndInit, settle, taskMs, withBrowser } from './peers/browser.mjs';
import { startSink } from './peers/sink.mjs';
import { survive } from './peers/survive.mjs';
import { peersTable } from './peers/table.mjs';
import { sizes } from './bundle-sizes.mjs';

const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// Calls per task in the measured bursts (a macrotask between tasks, as an app's events come from separate events).
const PER_TASK = 100;
// Calls made with the endpoint down (503), after the main phase: the cost and heap of queueing while unreachable.
const DOWN_CALLS = Number(process.env.BENCH_DOWN_CALLS ?? 1_000);
const SURVIVORS = 100;
const KEY = 'benchkey0123456789abcdef';
const only = process.env.BENCH_PEERS?.split(',');
const libs = adapters.filter((a) => !only || only.includes(a.id));

// A hard bound on the whole run: a library that never settles fails its cell; this catches anything else.
const MAX_SEC = Number(process.env.BENCH_MAX_SEC ?? 3_600);
setTimeout(() => {
  console.error(`peers bench: still running after ${MAX_SEC} s; giving up (the table below holds what was measured)`);
  failures.push(`the run: stopped by BENCH_MAX_SEC=${MAX_SEC}`);
  report();
  process.exit(2);
}, MAX_SEC * 1000).unref();

const sink = await startSink({ key: KEY });
const args = (prefix) => ({ sink: sink.origin, key: KEY, prefix });
const failures = [];
const load = [loadavg()[0]];

/** Runs `calls` track() calls in the page in tasks of `perTask` (a macrotask between them); returns the loops' ms. */
const burst = (page, calls, tag) => page.evaluate(async ({ calls, perTask, tag }) => {
  let syncMs = 0;
  for (let i = 0; i < calls;) {
    const t0 = performance.now();
    for (const end = Math.min(calls, i + perTask); i < end; i++) window.bench.track(`bench~${tag}~${i}`);
    syncMs += performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return syncMs;
}, { calls, perTask: PER_TASK, tag });

/** True once the sink has `n` events tagged `tag` from library `id`, or has received none new for 5 s (a library
 * that drops events or caps its queue is then measured as it is). */
function arrived(id, tag, n) {
  let last = -1;
  let since = Date.now();
  return () => {
    const got = sink.count(id, tag);
    if (got !== last) [last, since] = [got, Date.now()];
    return got >= n || Date.now() - since > 5_000;
  };
}

/** One round of one library: init, 10,000 calls with the sink answering, settle, heap; then calls with it down. */
async function measure(a, round) {
  // Bound: init + two phases of at most 150 s and 30 s + heap snapshots, with room for a loaded machine.
  return withBrowser(a.id, 300_000, async (context) => {
    const { page, initMs } = await openAndInit(context, sink.origin, a, args(`r${round}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.evaluate(() => { for (let i = 0; i < 100; i++) window.bench.track(`bench~warm~${i}`); });
    await settle(cdp, { timeoutMs: 20_000 });
    const heap0 = await heap();
    const task0 = await taskMs(cdp);
    const tag = `r${round}`;
    // Phase 1, the sink answering 200 at once (a working collector): the calls, their persistence and their sends,
    // until the sink has all of them (or none new for 5 s) and the main thread is quiet.
    const syncMs = await burst(page, CALLS, tag);
    const sent = await settle(cdp, { timeoutMs: 150_000, done: arrived(a.id, tag, CALLS), doneWithinMs: 120_000 });
    const heap1 = await heap();
    const delivered = sink.count(a.id, tag);
    // Phase 2, the endpoint down (503): DOWN_CALLS more calls, the library queueing (and retrying) them.
    let down = {};
    if (DOWN_CALLS > 0) {
      sink.setDown(a.id, true);
      try {
        const task1 = await taskMs(cdp);
        await burst(page, DOWN_CALLS, `d${round}`);
        const queued = await settle(cdp, { timeoutMs: 30_000 });
        const downHeapMiB = ((await heap()) - heap1) / 2 ** 20;
        down = { downUs: ((queued.taskMs - task1) * 1000) / DOWN_CALLS, downSettled: queued.settled, downHeapMiB };
      } finally {
        sink.setDown(a.id, false);
      }
    }
    return {
      initMs, syncUs: (syncMs * 1000) / CALLS, trackUs: ((sent.taskMs - task0) * 1000) / CALLS, trackSettled: sent.settled,
      heapMiB: (heap1 - heap0) / 2 ** 20, delivered, ...down,
    };
  });
}

/** Runs `fn`, keeping its result or a printed failure (the run goes on with the next library). */
async function attempt(label, fn) {
  try {
    return await fn();
  } catch (error) {
    failures.push(`${label}: ${error.message.split('\n')[0]}`);
    console.log(`  ${label}: FAILED (${error.message.split('\n')[0]})`);
    return undefined;
  }
}

const results = Object.fromEntries(libs.map((a) => [a.id, { rounds: [], survive2s: undefined, surviveNow: undefined, size: sizes(readFileSync(a.file)) }]));
const started = new Date();
for (let round = 0; round < ROUNDS; round++) {
  const order = libs.map((_, i) => libs[(i + round) % libs.length]);
  for (const a of order) {
    const r = await attempt(`${a.name} round ${round + 1}`, () => measure(a, round));
    if (r) {
      results[a.id].rounds.push(r);
      const busy = (ok) => (ok ? '' : ' (still busy at the bound)');
      const down = r.downUs === undefined ? '' : `; endpoint down: track ${r.downUs.toFixed(1)} µs${busy(r.downSettled)}, heap +${r.downHeapMiB.toFixed(2)} MiB`;
      console.log(`  round ${round + 1} ${a.name.padEnd(24)} init ${r.initMs.toFixed(1)} ms, track ${r.trackUs.toFixed(1)} µs${busy(r.trackSettled)} (sync ${r.syncUs.toFixed(1)}), heap +${r.heapMiB.toFixed(2)} MiB, delivered ${r.delivered}/${CALLS}${down}`);
    }
    load.push(loadavg()[0]);
  }
}
// BENCH_SURVIVAL=0 skips the reload cases. @default 1
for (const [delayMs, field] of process.env.BENCH_SURVIVAL === '0' ? [] : [[2_000, 'survive2s'], [0, 'surviveNow']]) {
  for (const a of libs) {
    const r = await attempt(`${a.name} survival (${delayMs ? 'reload after 2 s' : 'immediate reload'})`, () => survive(sink, a, delayMs, args('survive'), SURVIVORS));
    results[a.id][field] = r?.kept;
    const sec = r?.sec;
    console.log(`  survival, ${delayMs ? 'reload after 2 s' : 'immediate reload'}: ${a.name.padEnd(24)} ${results[a.id][field] ?? 'failed'}/${SURVIVORS}${sec === undefined ? '' : ` (counted ${sec.toFixed(1)} s after reopening)`}`);
  }
}
await sink.close();

report();

/** Prints the table of what has been measured (also when the time bound stops the run early). */
function report() {
  console.log(`\nWaymark and its peers in Chromium ${started.toISOString().slice(0, 16)}Z–${new Date().toISOString().slice(11, 16)}Z: ${ROUNDS} rounds × ${CALLS.toLocaleString('en-US')} track() calls in tasks of ${PER_TASK} (+ ${DOWN_CALLS.toLocaleString('en-US')} with the endpoint down), medians [ranges];`);
  console.log(`(×r) = ratio to the best peer (lower is better; Waymark not counted as a peer). ${cpus().length} cores, load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} during the run.\n`);
  console.log(peersTable(libs, results, { calls: CALLS, downCalls: DOWN_CALLS, survivors: SURVIVORS, survival: process.env.BENCH_SURVIVAL !== '0' }).join('\n'));
  console.log(`\nsizes: each library's browser bundle as shipped (min = as shipped; RudderStack's UMD bundle ships unminified).`);
  console.log(`requests aimed off 127.0.0.1 (aborted before leaving): ${blocked.length ? `\n  ${[...new Set(blocked)].join('\n  ')}` : 'none'}`);
  if (failures.length) {
    console.log(`\nFAILED:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}
