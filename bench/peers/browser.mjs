// Chromium for bench/peers.bench.mjs: a fresh persistent profile per measurement (real on-disk IndexedDB and
// localStorage), the project's flags (test/support/browser.ts), every request not to 127.0.0.1 aborted and
// recorded, and a time bound: `withBrowser` rejects (and closes Chromium) when `fn` outlasts `timeoutMs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// The same flags as test/support/browser.ts (CHROMIUM_ARGS); that file is TypeScript, this bench runs on plain Node.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Requests a library tried to make off 127.0.0.1 (aborted before leaving), as `label: url`. */
export const blocked = [];

/** Runs `fn(context)` in a fresh Chromium profile; `label` names the library in `blocked`. */
export async function withBrowser(label, timeoutMs, fn) {
  const profile = mkdtempSync(join(tmpdir(), 'waymark-peers-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.WAYMARK_CHROMIUM ?? '/usr/bin/chromium', args: ARGS, timeout: 60_000,
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(url)) return route.continue();
    if (/^(data|blob|about):/.test(url)) return route.continue();
    blocked.push(`${label}: ${url}`);
    return route.abort('blockedbyclient');
  });
  let timer;
  try {
    return await Promise.race([
      fn(context),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no result within ${timeoutMs / 1000} s`)), timeoutMs); }),
    ]);
  } finally {
    clearTimeout(timer);
    await Promise.race([context.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Opens `/page/<id>` and runs the adapter's init; returns the init's duration in ms (to the library's "ready"). */
export async function openAndInit(context, origin, adapter, args) {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${origin}/page/${adapter.id}`);
  const initMs = await page.evaluate(`(async () => { const t0 = performance.now(); await (${adapter.init})(${JSON.stringify(args)}); return performance.now() - t0; })()`);
  return { page, initMs };
}

/** Main-thread task time so far (CDP Performance.getMetrics TaskDuration), in ms. */
export async function taskMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration').value * 1000;
}

/**
 * Waits until the page's main thread has been quiet (under 2% busy) for `quietMs` and `done()` holds (or
 * `doneWithinMs` has passed: a library that delays or drops delivery is then measured as it is), or `timeoutMs` passes.
 * @returns {Promise<{ settled: boolean, taskMs: number }>} the task time at the start of the quiet window
 */
export async function settle(cdp, { quietMs = 1_000, timeoutMs = 60_000, done = () => true, doneWithinMs = 20_000 } = {}) {
  const until = Date.now() + timeoutMs;
  const doneBy = Date.now() + doneWithinMs;
  const samples = [{ at: Date.now(), task: await taskMs(cdp) }];
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const now = { at: Date.now(), task: await taskMs(cdp) };
    samples.push(now);
    const start = samples.findLast((s) => now.at - s.at >= quietMs);
    if (start && now.task - start.task < 0.02 * (now.at - start.at) && (done() || Date.now() > doneBy)) return { settled: true, taskMs: start.task };
    if (Date.now() > until) return { settled: false, taskMs: now.task };
  }
}
