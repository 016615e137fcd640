// Waymark beside its peers' browser SDKs, in ONE run in real Chromium, every request on 127.0.0.1 (after `npm run
// build`; `node bench/peers.bench.mjs`). How each library is loaded and configured: bench/peers/adapters.mjs.
// Per library: script-tag size (its browser bundle as shipped in its npm package), init time, track() cost, heap
// growth after 10,000 events, and how many of 100 events tracked while its endpoint is down survive a reload
// 2 s later and an immediate one. The machine is shared: libraries alternate within each round (the order
// rotates), rounds repeat, and medians [ranges] are printed; compare the ratios, not the absolute numbers.
//
// track() cost = main-thread task time (CDP Performance.getMetrics TaskDuration) from just before the first of
// 10,000 calls until the sink has received all of them (or 20 s have passed) and the page's main thread has been
// quiet (< 2% busy) for 1 s, divided by 10,000: the calls plus
// the asynchronous work they queued (serialising, the library's own persistence writes, its batched requests to
// the sink, which answers at once). The loop alone is printed too ("sync").
// Heap growth: CDP HeapProfiler.collectGarbage + Runtime.getHeapUsage before the calls and once settled.
// Survival: endpoint down (503), 100 events tracked, page reloaded 2 s later (a) or at once (b), library started
// again, page closed; endpoint back up, page reopened and library started: distinct events counted at the sink
// once 100 arrived or nothing new arrived for 15 s (at most 45 s), both counted from the end of the library's own
// recovery delay (adapter `recoveryMs`: RudderStack reclaims a closed page's queue only after 10–13.5 s).
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { adapters } from './peers/adapters.mjs';
import { blocked, openAndInit, settle, taskMs, withBrowser } from './peers/browser.mjs';
import { startSink } from './peers/sink.mjs';
import { sizes } from './bundle-sizes.mjs';

const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SURVIVORS = 100;
const KEY = 'benchkey0123456789abcdef';
const only = process.env.BENCH_PEERS?.split(',');
const libs = adapters.filter((a) => !only || only.includes(a.id));

// A hard bound on the whole run: a library that never settles fails its cell; this catches anything else.
const MAX_SEC = Number(process.env.BENCH_MAX_SEC ?? 1_500);
setTimeout(() => {
  console.error(`peers bench: still running after ${MAX_SEC} s; giving up`);
  process.exit(2);
}, MAX_SEC * 1000).unref();

const sink = await startSink({ key: KEY });
const args = (prefix) => ({ sink: sink.origin, key: KEY, prefix });
const failures = [];
const survivalSec = {}; // `${id}:${tag}` → seconds from reopening to the final count
const load = [loadavg()[0]];

/** One round of one library: init, 10,000 calls, settle, heap. */
async function measure(a, round) {
  // Bound: init + the calls + two phases of at most 60 s each + two heap snapshots, with room for a loaded machine.
  return withBrowser(a.id, 240_000, async (context) => {
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
    // Phase 1, the endpoint holding every request unanswered: the calls, their persistence and first sends.
    sink.stall(a.id);
    const syncMs = await page.evaluate(({ calls, tag }) => {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) window.bench.track(`bench~${tag}~${i}`);
      return performance.now() - t0;
    }, { calls: CALLS, tag });
    const persisted = await settle(cdp, { timeoutMs: 60_000 });
    const heap1 = await heap();
    // Phase 2, the endpoint answering (held requests first): delivery of the 10,000.
    const task1 = await taskMs(cdp);
    sink.release(a.id);
    const delivered = await settle(cdp, { timeoutMs: 60_000, done: () => sink.count(a.id, tag) >= CALLS, doneWithinMs: 45_000 });
    return {
      initMs, syncUs: (syncMs * 1000) / CALLS, trackUs: ((persisted.taskMs - task0) * 1000) / CALLS, trackSettled: persisted.settled,
      heapMiB: (heap1 - heap0) / 2 ** 20, deliverUs: ((delivered.taskMs - task1) * 1000) / CALLS, deliverSettled: delivered.settled,
      delivered: sink.count(a.id, tag),
    };
  });
}

/** Events of 100 tracked while the endpoint is down that reach the sink after a reload `delayMs` later. */
async function survive(a, delayMs) {
  const tag = `s${delayMs}`;
  return withBrowser(a.id, 120_000, async (context) => {
    sink.setDown(a.id, true);
    try {
      const { page } = await openAndInit(context, sink.origin, a, args('survive'));
      await page.evaluate(({ n, tag }) => { for (let i = 0; i < n; i++) window.bench.track(`bench~${tag}~${i}`); }, { n: SURVIVORS, tag });
      if (delayMs) await page.waitForTimeout(delayMs);
      await page.reload();
      await page.evaluate(`(${a.init})(${JSON.stringify(args('survive'))})`);
      await page.waitForTimeout(1_000);
      await page.close({ runBeforeUnload: false });
    } finally {
      sink.setDown(a.id, false);
    }
    await openAndInit(context, sink.origin, a, args('survive'));
    // The quiet window starts once the library's own recovery delay (adapter.recoveryMs) has passed.
    const reopened = Date.now();
    let last = -1;
    let lastChange = reopened + (a.recoveryMs ?? 0);
    const until = lastChange + 45_000;
    for (;;) {
      const n = sink.count(a.id, tag);
      if (n !== last) [last, lastChange] = [n, Math.max(Date.now(), lastChange)];
      if (n >= SURVIVORS || Date.now() - lastChange > 15_000 || Date.now() > until) {
        survivalSec[`${a.id}:${tag}`] = (Date.now() - reopened) / 1000;
        return n;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
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
      const unsettled = (ok) => (ok ? '' : ' (still busy at 60 s)');
      console.log(`  round ${round + 1} ${a.name.padEnd(24)} init ${r.initMs.toFixed(1)} ms, track ${r.trackUs.toFixed(1)} µs${unsettled(r.trackSettled)} (sync ${r.syncUs.toFixed(1)}), heap +${r.heapMiB.toFixed(2)} MiB, delivery ${r.deliverUs.toFixed(1)} µs/event${unsettled(r.deliverSettled)}, delivered ${r.delivered}/${CALLS}`);
    }
    load.push(loadavg()[0]);
  }
}
// BENCH_SURVIVAL=0 skips the reload cases. @default 1
for (const [delayMs, field] of process.env.BENCH_SURVIVAL === '0' ? [] : [[2_000, 'survive2s'], [0, 'surviveNow']]) {
  for (const a of libs) {
    results[a.id][field] = await attempt(`${a.name} survival (${delayMs ? 'reload after 2 s' : 'immediate reload'})`, () => survive(a, delayMs));
    const sec = survivalSec[`${a.id}:s${delayMs}`];
    console.log(`  survival, ${delayMs ? 'reload after 2 s' : 'immediate reload'}: ${a.name.padEnd(24)} ${results[a.id][field] ?? 'failed'}/${SURVIVORS}${sec === undefined ? '' : ` (counted ${sec.toFixed(1)} s after reopening)`}`);
  }
}
await sink.close();

// The table: median [min–max] over the rounds, and each number's ratio to the best peer (Waymark excluded).
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const stat = (id, key) => {
  const xs = results[id].rounds.map((r) => r[key]);
  return xs.length ? { med: median(xs), lo: Math.min(...xs), hi: Math.max(...xs) } : undefined;
};
const peers = libs.filter((a) => !a.id.startsWith('waymark'));
const best = (get, higherIsBetter = false) => {
  const xs = peers.map((a) => get(a.id)).filter((x) => x !== undefined);
  return xs.length ? (higherIsBetter ? Math.max(...xs) : Math.min(...xs)) : undefined;
};
const ratio = (x, b) => (x === undefined || !b ? '' : ` (×${(x / b).toFixed(x / b < 10 ? 2 : 0)})`);
const kb = (n) => (n / 1024).toFixed(1);
/** "≥ " when the main thread was still busy at the time bound in some round: the number is a lower bound. */
const atLeast = (id, key) => (results[id].rounds.some((r) => !r[key]) ? '≥ ' : '');
const columns = [
  ['gzip KB', (id) => results[id].size.gzip, (x) => kb(x)],
  ['brotli KB', (id) => results[id].size.brotli, (x) => kb(x)],
  ['init ms', (id) => stat(id, 'initMs')?.med, (x, id) => `${x.toFixed(1)} [${stat(id, 'initMs').lo.toFixed(1)}–${stat(id, 'initMs').hi.toFixed(1)}]`],
  ['track() µs incl. persistence', (id) => stat(id, 'trackUs')?.med, (x, id) => `${atLeast(id, 'trackSettled')}${x.toFixed(1)} [${stat(id, 'trackUs').lo.toFixed(1)}–${stat(id, 'trackUs').hi.toFixed(1)}]`],
  ['heap MiB / 10k queued', (id) => stat(id, 'heapMiB')?.med, (x, id) => `${x.toFixed(2)} [${stat(id, 'heapMiB').lo.toFixed(2)}–${stat(id, 'heapMiB').hi.toFixed(2)}]`],
  ['delivery µs / event', (id) => stat(id, 'deliverUs')?.med, (x, id) => `${atLeast(id, 'deliverSettled')}${x.toFixed(1)} [${stat(id, 'deliverUs').lo.toFixed(1)}–${stat(id, 'deliverUs').hi.toFixed(1)}]`],
];
const header = ['library', 'version', 'min KB', ...columns.map((c) => c[0]), 'sync µs', 'delivered', 'kept: reload 2 s', 'kept: immediate reload'];
const kept = (n) => (process.env.BENCH_SURVIVAL === '0' ? 'skipped' : `${n ?? 'failed'}/${SURVIVORS}`);
const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
for (const a of libs) {
  const id = a.id;
  const cells = columns.map(([, get, fmt]) => {
    const x = get(id);
    return x === undefined ? 'failed' : `${fmt(x, id)}${ratio(x, best(get))}`;
  });
  const delivered = results[id].rounds.map((r) => r.delivered);
  const sync = stat(id, 'syncUs');
  lines.push(`| ${a.name} | ${a.version} | ${kb(results[id].size.min)} | ${cells.join(' | ')} | ${sync ? sync.med.toFixed(1) : 'failed'} | ${delivered.length ? `${Math.min(...delivered)}/${CALLS}` : 'failed'} | ${kept(results[id].survive2s)} | ${kept(results[id].surviveNow)} |`);
}
console.log(`\nWaymark and its peers in Chromium ${started.toISOString().slice(0, 16)}Z: ${ROUNDS} rounds × ${CALLS.toLocaleString('en-US')} track() calls, medians [ranges];`);
console.log(`(×r) = ratio to the best peer (lower is better; Waymark not counted as a peer). ${cpus().length} cores, load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} during the run.\n`);
console.log(lines.join('\n'));
console.log(`\nsizes: each library's browser bundle as shipped (min = as shipped; RudderStack's UMD bundle ships unminified).`);
console.log(`requests aimed off 127.0.0.1 (aborted before leaving): ${blocked.length ? `\n  ${[...new Set(blocked)].join('\n  ')}` : 'none'}`);
if (failures.length) {
  console.log(`\nFAILED:\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
}
