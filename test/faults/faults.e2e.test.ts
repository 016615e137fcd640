/**
 * Fault injection, one scenario per fault, against real Chromium (real IndexedDB) and the real collector CLI on a
 * real SQLite file, through test/support/fault-proxy.ts. Ends in a table (scenario, generated, stored, lost,
 * duplicated) printed and written to test/faults/results.md. Time is scaled through the SDK's options (retry
 * delays of 100–400 ms instead of 1–60 s, a 1 s request timeout) and, for the hour offline, Playwright's page clock.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, waitFor, type Browser } from '../support/browser.js';
import { startCollector, type StartedCollector } from '../support/collector.js';
import { startSdkHarness, type SdkHarness } from '../support/sdk-harness.js';
import { trackerPage } from '../support/static-server.js';
import { publish, tally, type FaultRow } from './fault-table.js';
import { breakIndexedDb, hideStorage, type StorageFault } from './storage-faults.js';

const RESULTS = fileURLToPath(new URL('./results.md', import.meta.url));
const OPTIONS = { minRetryDelayMs: 100, maxRetryDelayMs: 400, flushIntervalMs: 200, requestTimeoutMs: 1_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tracks `name` numbered from..to-1 in the page, `perTask` per task with `gapMs` between tasks. */
const track = (page: Page, name: string, from: number, to: number, perTask = to - from, gapMs = 0) =>
  page.evaluate(
    async ([n, a, b, k, g]) => {
      for (let i = a; i < b; i++) {
        window.waymark.track(n, { i });
        if ((i - a + 1) % k === 0 && g) await new Promise((resolve) => setTimeout(resolve, g));
      }
    },
    [name, from, to, perTask, gapMs] as const,
  );

describe('fault injection: what reaches the collector', () => {
  let h: SdkHarness;
  const rows: FaultRow[] = [];
  const extraCollectors: StartedCollector[] = [];
  const extraBrowsers: Browser[] = [];
  beforeAll(async () => {
    h = await startSdkHarness({ options: OPTIONS });
  });
  afterAll(async () => {
    publish(rows, RESULTS, `Fault injection (test/faults), ${new Date().toISOString()}, Chromium ${h?.browser.context.browser()?.version() ?? ''}`);
    for (const b of extraBrowsers) await b.close();
    for (const c of extraCollectors) await c.stop();
    await h?.close();
  });

  /**
   * Runs one scenario: `act` generates `generated` events named `fault:<slug>` and brings the device back (or not);
   * then waits until all are stored (at most `waitMs`), tallies and checks the goal.
   */
  async function scenario(label: string, generated: number, act: (name: string) => Promise<void>, opts: { expect?: FaultRow['expectation']; waitMs?: number } = {}) {
    const name = `fault:${label}`;
    const expectation = opts.expect ?? 'none lost';
    const started = performance.now();
    h.proxy.set({ kind: 'pass' });
    await act(name);
    h.proxy.set({ kind: 'pass' });
    const stored = await h.waitForStored(generated, opts.waitMs ?? 20_000, name).catch(() => h.stored().filter((r) => r.name === name));
    const row: FaultRow = { scenario: label, ...tally(stored, generated, h.proxy.acknowledged()), expectation, seconds: (performance.now() - started) / 1000 };
    rows.push(row);
    expect(row.duplicated).toBe(0);
    if (expectation === 'none lost') expect(row.lost).toBe(0);
    return row;
  }

  it('offline for an hour of (page-clock) time, then back online', async () => {
    await scenario('offline 1 h (page clock), then online', 40, async (name) => {
      const page = await h.browser.context.newPage();
      await page.clock.install();
      h.site.setPage('/offline.html', trackerPage({ ...h.options, maxRetryDelayMs: 60_000 }));
      await page.goto(`${h.site.url}/offline.html`);
      await track(page, name, 0, 10);
      await h.browser.context.setOffline(true);
      for (let minute = 0; minute < 60; minute++) {
        if (minute % 15 === 0) await track(page, name, 10 + (minute / 15) * 5, 15 + (minute / 15) * 5);
        await page.clock.runFor(60_000);
        await sleep(20);
      }
      await track(page, name, 30, 40);
      await h.browser.context.setOffline(false);
      await page.clock.runFor(61_000); // the next retry (the 'online' event also drains)
      await h.waitForStored(40, 15_000, name);
      await page.close();
    });
  });

  it('page reloaded while a flush is on its way (answer never seen)', async () => {
    await scenario('reload mid-flush', 50, async (name) => {
      const page = await h.open();
      h.proxy.set({ kind: 'slow', delayMs: 600 });
      await track(page, name, 0, 50);
      await sleep(150);
      await page.reload();
      h.proxy.set({ kind: 'pass' });
      await h.waitForStored(50, 15_000, name);
      await page.close();
    });
  });

  it('tab closed while a flush is on its way, next visit later', async () => {
    await scenario('tab closed mid-flush', 50, async (name) => {
      const page = await h.open();
      h.proxy.set({ kind: 'slow', delayMs: 600 });
      await track(page, name, 0, 50);
      await sleep(100);
      await page.close({ runBeforeUnload: true });
      h.proxy.set({ kind: 'down' });
      await sleep(300);
      h.proxy.set({ kind: 'pass' });
      const next = await h.open();
      await h.waitForStored(50, 15_000, name);
      await next.close();
    });
  });

  it('three tabs tracking at once while the collector fails every other request', async () => {
    await scenario('three tabs, collector flaky', 90, async (name) => {
      const pages = [await h.open(), await h.open(), await h.open()];
      h.proxy.set({ kind: 'flaky' });
      await Promise.all(pages.map((page, t) => track(page, name, t * 30, t * 30 + 30, 5, 20)));
      await h.waitForStored(90, 15_000, name);
      for (const page of pages) await page.close();
    });
  });

  for (const [label, mode] of [
    ['collector down (connection dropped) 2 s', { kind: 'down' }],
    ['collector answering 500 for 2 s', { kind: 'status', status: 500 }],
    ['collector slower than the request timeout for 2 s', { kind: 'slow', delayMs: 1_500 }],
    ['collector answering 429 Retry-After 1 s for 2 s', { kind: 'status', status: 429, retryAfterSec: 1 }],
  ] as const) {
    it(label, async () => {
      await scenario(label, 40, async (name) => {
        const page = await h.open();
        h.proxy.set(mode);
        await track(page, name, 0, 40, 10, 400);
        await sleep(400);
        h.proxy.set({ kind: 'pass' });
        await h.waitForStored(40, 15_000, name);
        await page.close();
      });
    });
  }

  it('collector killed with SIGKILL mid-batch, restarted on the same file', async () => {
    await scenario('collector SIGKILL mid-batch + restart', 60, async (name) => {
      const page = await h.open();
      const tracking = track(page, name, 0, 60, 3, 30);
      await sleep(250);
      await h.collector.kill();
      await sleep(300);
      const again = await startCollector({
        dbPath: h.collector.dbPath,
        env: { WAYMARK_WRITE_KEY: h.collector.writeKey, WAYMARK_SECRET_KEY: h.collector.secretKey },
      });
      extraCollectors.push(again);
      h.proxy.retarget(again.url);
      await tracking;
      await h.waitForStored(60, 15_000, name);
      await page.close();
    });
  });

  const storageScenario = (label: string, fault: StorageFault, expectation: FaultRow['expectation'] = 'none lost', reported = true) =>
    it(label, async () => {
      const errors: string[] = [];
      await scenario(label, 30, async (name) => {
        const page = await h.browser.context.newPage();
        await page.addInitScript(fault.script, fault.arg);
        h.site.setPage(`/${fault.arg.tag}.html`, trackerPage(h.options));
        await page.goto(`${h.site.url}/${fault.arg.tag}.html`);
        h.proxy.set({ kind: 'down' });
        await track(page, name, 0, 30, 10, 50);
        errors.push(...(await page.evaluate(() => window.waymarkErrors)));
        const before = h.proxy.batches().length;
        await page.close({ runBeforeUnload: true }); // the device leaves while the collector is down
        // Still down while the page-hide keepalive arrives: only what the device kept can deliver these events.
        await waitFor(() => h.proxy.batches().slice(before).some((r) => r.messageIds.length > 0), 3_000);
        await sleep(300);
        h.proxy.set({ kind: 'pass' });
        const next = await h.open(); // the next visit, with working storage
        await h.waitForStored(30, expectation === 'none lost' ? 15_000 : 3_000, name);
        await next.close();
      }, { expect: expectation, waitMs: expectation === 'none lost' ? 20_000 : 3_000 });
      if (reported) expect(errors).toContain('storage'); // never silent
    });
  storageScenario('IndexedDB unavailable, tab closed while collector down', hideStorage('no-idb', { indexedDB: true }));
  storageScenario('IndexedDB quota exceeded, tab closed while collector down', breakIndexedDb('quota', 'put', 'QuotaExceededError', Infinity));
  storageScenario('IndexedDB connection lost mid-write, tab closed while collector down', breakIndexedDb('lost', 'transaction', 'AbortError', 3), 'none lost', false);
  storageScenario('IndexedDB and localStorage unavailable, tab closed while collector down', hideStorage('no-storage', { indexedDB: true, localStorage: true }), 'loss reported');

  it('device clock wrong by 5 hours', async () => {
    await scenario('device clock +5 h', 30, async (name) => {
      const page = await h.browser.context.newPage();
      await page.clock.install({ time: Date.now() + 5 * 3_600_000 });
      await page.clock.resume();
      h.site.setPage('/skewed.html', trackerPage(h.options));
      await page.goto(`${h.site.url}/skewed.html`);
      h.proxy.set({ kind: 'status', status: 500 });
      await track(page, name, 0, 30, 10, 200);
      h.proxy.set({ kind: 'pass' });
      const stored = await h.waitForStored(30, 15_000, name);
      // Stored at the receipt time less the device's own delay, not 5 hours ahead.
      for (const r of stored) expect(Math.abs(Date.parse(r.timestamp) - Date.parse(r.receivedAt))).toBeLessThan(60_000);
      await page.close();
    });
  });

  it('mobile viewport, page hidden and shown 20 times while tracking, collector flaky', async () => {
    await scenario('mobile, repeated hide/show', 40, async (name) => {
      const mobile = await launchBrowser({ mobile: true });
      extraBrowsers.push(mobile);
      h.site.setPage('/mobile.html', trackerPage(h.options));
      const page = await mobile.context.newPage();
      await page.goto(`${h.site.url}/mobile.html`);
      h.proxy.set({ kind: 'flaky' });
      for (let k = 0; k < 20; k++) {
        await page.evaluate(
          ([n, i, hidden]) => {
            window.waymark.track(n, { i: i * 2 });
            window.waymark.track(n, { i: i * 2 + 1 });
            Object.defineProperty(document, 'visibilityState', { value: hidden ? 'hidden' : 'visible', configurable: true });
            document.dispatchEvent(new Event('visibilitychange'));
          },
          [name, k, k % 2 === 0] as const,
        );
        await sleep(60);
      }
      h.proxy.set({ kind: 'pass' });
      await h.waitForStored(40, 15_000, name);
      await page.close();
    });
  });
});
