// Status evaluation in real Chromium: (1) evaluateStatus + onboardingProgress + nextNudge for one user
// with a year of facts (goal ≤ 0.1 ms per evaluation); (2) SDK start to the first status() read from
// IndexedDB (goal ≤ 20 ms). Run after `pnpm -r build`: node bench/status-eval.bench.mjs
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
// The SDK build to load (`waymark.iife.js`); overridable to compare builds.
const sdkDist = process.env.WAYMARK_SDK_DIST ?? join(root, 'packages/sdk/dist');
const core = await import(join(root, 'packages/core/dist/index.js'));
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 12);

// A deterministic year of one user's events: ~70% of days active, 1-3 sessions, 40 event names.
let seed = 42;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const NAMES = Array.from({ length: 40 }, (_, i) => `Event ${i}`);
const steps = ['Project Created', 'Repository Connected', 'Teammate Invited', 'Deployed', 'Domain Added'];
const checklist = { id: 'setup', steps: steps.map((event, i) => ({ id: `s${i}`, event, ...(i === 3 ? { count: 3 } : {}) })) };
const events = [];
for (let d = 365; d >= 0; d--) {
  if (rand() > 0.7) continue;
  for (let s = 0, n = 1 + Math.floor(rand() * 3); s < n; s++) {
    const sessionId = `sess-${d}-${s}`;
    for (let e = 0, m = 5 + Math.floor(rand() * 25); e < m; e++) {
      const t = NOW - d * DAY + s * 3_600_000 + e * 30_000;
      const name = rand() < 0.1 ? steps[Math.floor(rand() * steps.length)] : rand() < 0.02 ? 'Order Completed' : NAMES[Math.floor(rand() * NAMES.length)];
      events.push({ type: 'track', event: name, messageId: `m${events.length}`, userId: 'u1', timestamp: new Date(t).toISOString(), properties: { revenue: 20 }, context: { streamId: `dev-${d % 3}`, sessionId } });
    }
    if (rand() < 0.3) events.push({ type: 'track', event: 'Nudge Shown', messageId: `m${events.length}`, userId: 'u1', timestamp: new Date(NOW - d * DAY).toISOString(), properties: { nudgeId: `n${d % 20}` }, context: { streamId: 'dev-0', sessionId } });
  }
}
const facts = core.reduceEvents(core.emptyFacts(), events, core.factsConfigOf({ checklists: [checklist] }));
const nudges = Array.from({ length: 20 }, (_, i) => ({
  id: `n${i}`,
  priority: i,
  maxShows: 5 + i,
  minIntervalMs: 3_600_000,
  holdout: 0.1,
  segment: { all: [{ status: ['active', 'loyal', 'resurrected'] }, { any: [{ event: `Event ${i}`, withinMs: 7 * DAY, atLeast: 2 }, { checklist: 'setup', done: false }, { metric: 'sessions', atLeast: 50 + i }] }, { not: { event: 'Order Completed', withinMs: DAY } }] },
}));

const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (req.method === 'POST' && path === '/v1/batch') {
    // A collector that accepts everything, so the SDK's queue drains during seeding (no retries at start).
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      let n = 0;
      try {
        n = JSON.parse(body).batch.length;
      } catch {}
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: n, duplicates: [], rejected: [] }));
    });
    return;
  }
  if (path === '/' || path === '/bench.html') {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
    return;
  }
  const mounts = [['/core/', join(root, 'packages/core/dist')], ['/sdk/', sdkDist]];
  for (const [prefix, dir] of mounts) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) break;
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-status-'));
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const context = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args });
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const rows = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${base}/bench.html`);

  // (1) One evaluation = status + onboarding of one checklist + next nudge among 20, 2,000 times per run.
  const runs = await page.evaluate(
    async ({ facts, checklist, nudges, now }) => {
      const c = await import('/core/index.js');
      const input = { facts, checklists: [checklist], segments: ['rfm:loyal'], userKey: 'u1' };
      const once = (t) => {
        const status = c.evaluateStatus(facts, undefined, t);
        c.onboardingProgress(facts, checklist);
        return c.nextNudge(nudges, { ...input, status: status.status }, t);
      };
      for (let i = 0; i < 500; i++) once(now + i);
      const out = [];
      for (let r = 0; r < 7; r++) {
        const n = 2000;
        const t0 = performance.now();
        for (let i = 0; i < n; i++) once(now + i);
        out.push((performance.now() - t0) / n);
      }
      return out;
    },
    { facts, checklist, nudges, now: NOW },
  );
  rows.push(['status + onboarding + next nudge (1 user, 1 year)', `${median(runs).toFixed(4)} ms`, '≤ 0.1 ms', median(runs) <= 0.1 ? 'ok' : 'MISSED']);
  rows.push(['  facts size (JSON)', `${(JSON.stringify(facts).length / 1024).toFixed(1)} KB`, `${events.length} events`, '']);

  // (2) SDK start → first status() from IndexedDB, on reloads of a page whose state is already stored.
  if (existsSync(join(sdkDist, 'waymark.iife.js'))) {
    await page.addScriptTag({ url: `${base}/sdk/waymark.iife.js` });
    const hasStatus = await page.evaluate(() => typeof Waymark.createWaymark({ writeKey: 'wk', host: location.origin }).status === 'function');
    if (!hasStatus) rows.push(['SDK start → first status() from IndexedDB', 'n/a', '≤ 20 ms', 'createWaymark has no status layer in this build']);
    else {
      // Seed: a year of facts stored through the SDK itself (events folded and saved to IndexedDB).
      await page.evaluate(
        async ({ events, checklist }) => {
          const w = Waymark.createWaymark({ writeKey: 'wk', host: location.origin, checklists: [checklist], remoteConfig: false, flushIntervalMs: 100 });
          await w.ready();
          for (const e of events) w.track(e.event, e.properties, { timestamp: e.timestamp });
          for (let i = 0; i < 5; i++) await w.flush();
          await new Promise((r) => setTimeout(r, 1000));
        },
        { events: events.slice(-3000), checklist },
      );
      const times = [];
      const trackerTimes = [];
      for (let i = 0; i < 15; i++) {
        // Baseline on the same database: the tracker alone, start → ready().
        await page.reload();
        await page.addScriptTag({ url: `${base}/sdk/waymark.iife.js` });
        trackerTimes.push(
          await page.evaluate(async () => {
            const t0 = performance.now();
            await Waymark.createTracker({ writeKey: 'wk', host: location.origin }).ready();
            return performance.now() - t0;
          }),
        );
        await page.reload();
        await page.addScriptTag({ url: `${base}/sdk/waymark.iife.js` });
        times.push(
          await page.evaluate(async (checklist) => {
            const t0 = performance.now();
            const w = Waymark.createWaymark({ writeKey: 'wk', host: location.origin, checklists: [checklist], remoteConfig: false, snapshotMaxAgeMs: 1e12 });
            const created = performance.now() - t0;
            await w.ready();
            const ready = performance.now() - t0;
            const s = w.status();
            const ms = performance.now() - t0;
            if (s.status === 'new') throw new Error('state was not restored');
            return [ms, created, ready];
          }, checklist),
        );
      }
      const phases = times.map((t) => t.slice(1));
      times.splice(0, times.length, ...times.map((t) => t[0]));
      rows.push(['SDK start → first status() from IndexedDB (median)', `${median(times).toFixed(1)} ms`, '≤ 20 ms', median(times) <= 20 ? 'ok' : 'MISSED']);
      rows.push(['  p95 of 15 reloads', `${p95(times).toFixed(1)} ms`, '', '']);
      rows.push(['  of which createWaymark() returns / ready() resolves (medians)', `${median(phases.map((p) => p[0])).toFixed(1)} / ${median(phases.map((p) => p[1])).toFixed(1)} ms`, '', '']);
      rows.push(['  baseline: createTracker start → ready() (median)', `${median(trackerTimes).toFixed(1)} ms`, '', '']);
      // The cost a UI pays when it re-reads after every event: track() then status() + onboarding(), a year of facts.
      const perEvent = await page.evaluate(async (checklist) => {
        const w = Waymark.createWaymark({ writeKey: 'wk', host: location.origin, checklists: [checklist], remoteConfig: false, snapshotMaxAgeMs: 1e12, flushIntervalMs: 3_600_000 });
        await w.ready();
        const n = 300;
        const t0 = performance.now();
        for (let i = 0; i < n; i++) {
          w.track('Event 1');
          w.status();
          w.onboarding('setup');
        }
        return (performance.now() - t0) / n;
      }, checklist);
      rows.push(['track() + status() + onboarding(), per event', `${perEvent.toFixed(3)} ms`, '(no goal)', '']);
    }
  }
} finally {
  await context.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
console.table(rows.map(([what, measured, goal, verdict]) => ({ what, measured, goal, verdict })));
