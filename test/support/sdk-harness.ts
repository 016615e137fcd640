/** Wires one SDK end-to-end setup: the real collector, a fault proxy in front of it, a static server and Chromium. */
import type { Page } from 'playwright-core';
import { launchBrowser, waitFor, type Browser } from './browser.js';
import { queryEvents, startCollector, type StartedCollector, type StoredEventRow } from './collector.js';
import { startFaultProxy, type FaultMode, type FaultProxy } from './fault-proxy.js';
import { startStaticServer, trackerPage, type StaticServer } from './static-server.js';

export interface SdkHarness {
  collector: StartedCollector;
  proxy: FaultProxy;
  site: StaticServer;
  browser: Browser;
  /** Tracker options every page uses: the write key, the proxy as host, short retry delays. */
  options: Record<string, unknown>;
  /** Opens a new tab on a tracker page with `options` + `extra`, running `script` after start; page errors fail the test. */
  open(extra?: Record<string, unknown>, script?: string): Promise<Page>;
  /** Events stored by the collector (read from its SQLite file). */
  stored(): StoredEventRow[];
  /** Waits until `count` events named `name` (or all, without a name) are stored, or `timeoutMs` passes. */
  waitForStored(count: number, timeoutMs: number, name?: string): Promise<StoredEventRow[]>;
  close(): Promise<void>;
}

export async function startSdkHarness(opts: { mobile?: boolean; proxy?: FaultMode; options?: Record<string, unknown> } = {}): Promise<SdkHarness> {
  const collector = await startCollector();
  const proxy = await startFaultProxy(collector.url, opts.proxy);
  const site = await startStaticServer();
  const browser = await launchBrowser({ mobile: opts.mobile });
  const options = {
    writeKey: collector.writeKey,
    host: proxy.url,
    minRetryDelayMs: 200,
    maxRetryDelayMs: 2_000,
    flushIntervalMs: 500,
    ...opts.options,
  };
  const pageErrors: string[] = [];
  let pages = 0;
  const stored = () => queryEvents(collector.dbPath);
  return {
    collector,
    proxy,
    site,
    browser,
    options,
    async open(extra = {}, script = '') {
      const target = `/t${++pages}.html`;
      site.setPage(target, trackerPage({ ...options, ...extra }, script));
      const page = await browser.context.newPage();
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      await page.goto(`${site.url}${target}`);
      return page;
    },
    stored,
    async waitForStored(count, timeoutMs, name) {
      let rows: StoredEventRow[] = [];
      await waitFor(() => {
        rows = stored().filter((r) => name === undefined || r.name === name);
        return rows.length >= count;
      }, timeoutMs, 200);
      if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join('; ')}`);
      return rows;
    },
    async close() {
      await browser.close();
      await site.close();
      await proxy.close();
      await collector.stop();
    },
  };
}

/** Every stored messageId appears once. */
export const countsById = (rows: StoredEventRow[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.messageId, (counts.get(r.messageId) ?? 0) + 1);
  return counts;
};
