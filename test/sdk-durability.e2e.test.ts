import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEventRow } from './support/collector.js';
import { countsById, startSdkHarness, type SdkHarness } from './support/sdk-harness.js';

describe('SDK durability against the real collector (Chromium)', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness();
  });
  afterAll(async () => h?.close());

  /**
   * The messageIds of `rows` that the collector acknowledged (2xx) more than once. Scoped to the test's own
   * events on purpose: the proxy's log spans the whole file, and `waitForStored` sees rows as soon as the
   * collector commits them, so a test may close its page while the answer to its last batch is still on the
   * way. Such a page-exit resends those events (in its page-hide keepalive, or from IndexedDB on the next
   * page), which is the documented at-least-once case the collector dedupes (they are still stored once,
   * which every test checks). No page exits inside a test before its check, so a duplicate here is a bug.
   */
  const acknowledgedTwice = (rows: StoredEventRow[]): string[] => {
    const ids = new Set(rows.map((r) => r.messageId));
    return [...h.proxy.acknowledged()].filter(([id, n]) => ids.has(id) && n > 1).map(([id]) => id);
  };

  it('(1) keeps 100 events tracked while the collector is down across a reload, then delivers each exactly once', async () => {
    h.proxy.set({ kind: 'down' });
    const page = await h.open();
    await page.evaluate(async () => {
      for (let i = 0; i < 100; i++) window.waymark.track('offline event', { i });
      await window.waymark.flush();
    });
    expect(h.proxy.batches().length).toBeGreaterThan(0);
    expect(h.stored().filter((r) => r.name === 'offline event')).toHaveLength(0);
    await page.reload();
    await page.evaluate(() => window.waymark.ready());
    h.proxy.set({ kind: 'pass' });
    const rows = await h.waitForStored(100, 60_000, 'offline event');
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => (r.payload.properties as { i: number }).i)).size).toBe(100);
    expect([...countsById(h.stored()).values()].every((n) => n === 1)).toBe(true);
    // Sent successfully once each: no duplicate reached the collector (the keepalive sent at the reload met the
    // outage, so it cannot have delivered any of them).
    expect(acknowledgedTwice(rows)).toEqual([]);
    await page.close();
  });

  it('(5) honours 429 Retry-After: nothing is sent again before it, not even on flush(), and nothing is lost', async () => {
    h.proxy.set({ kind: 'status', status: 429, retryAfterSec: 3 });
    // Counted before the page opens: its start-up send (events an earlier test's page left queued when it closed
    // right after they were stored) may meet the 429 before page.goto() returns; then flush() rightly sends nothing.
    const first = h.proxy.batches().length;
    const page = await h.open();
    await page.evaluate(async () => {
      window.waymark.track('rate limited', { n: 1 });
      await window.waymark.flush();
    });
    const limited = h.proxy.batches().slice(first).find((r) => r.status === 429);
    expect(limited).toBeDefined();
    h.proxy.set({ kind: 'pass' });
    await page.evaluate(async () => {
      window.waymark.track('rate limited', { n: 2 });
      await window.waymark.flush();
    });
    const rows = await h.waitForStored(2, 60_000, 'rate limited');
    expect(rows).toHaveLength(2);
    expect(acknowledgedTwice(rows)).toEqual([]);
    const after = h.proxy.batches().filter((r) => r.atMs > limited!.atMs);
    expect(after.length).toBeGreaterThan(0);
    expect(Math.min(...after.map((r) => r.atMs)) - limited!.atMs).toBeGreaterThanOrEqual(3_000);
    await page.close();
  });

  it('(4) loses nothing while the collector answers 500 for a minute, then delivers each event once', async () => {
    h.proxy.set({ kind: 'status', status: 500 });
    const page = await h.open();
    const since = h.proxy.batches().length;
    await page.evaluate(() => {
      for (let i = 0; i < 30; i++) window.waymark.track('during outage', { i });
    });
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    await page.evaluate(() => {
      for (let i = 30; i < 50; i++) window.waymark.track('during outage', { i });
    });
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    const failed = h.proxy.batches().slice(since).filter((r) => r.status === 500).length;
    expect(failed).toBeGreaterThan(5);
    expect(h.stored().filter((r) => r.name === 'during outage')).toHaveLength(0);
    h.proxy.set({ kind: 'pass' });
    const rows = await h.waitForStored(50, 60_000, 'during outage');
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => (r.payload.properties as { i: number }).i)).size).toBe(50);
    expect([...countsById(h.stored()).values()].every((n) => n === 1)).toBe(true);
    expect(acknowledgedTwice(rows)).toEqual([]);
    const errors = await page.evaluate(() => window.waymarkErrors);
    expect(new Set(errors)).toEqual(new Set(['delivery']));
    await page.close();
  }, 180_000);
});

declare global {
  interface Window {
    waymark: import('@waymark/sdk').Waymark;
    waymarkErrors: string[];
    waymarkDelivered: string[];
  }
}
