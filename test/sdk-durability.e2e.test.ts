import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsById, startSdkHarness, type SdkHarness } from './support/sdk-harness.js';

describe('SDK durability against the real collector (Chromium)', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness();
  });
  afterAll(async () => h?.close());

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
    const rows = await h.waitForStored(100, 20_000, 'offline event');
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => (r.payload.properties as { i: number }).i)).size).toBe(100);
    expect([...countsById(h.stored()).values()].every((n) => n === 1)).toBe(true);
    // Sent successfully once each: no duplicate ever reached the collector.
    expect([...h.proxy.acknowledged().values()].filter((n) => n > 1)).toEqual([]);
    await page.close();
  });

  it('(5) honours 429 Retry-After: nothing is sent again before it, not even on flush(), and nothing is lost', async () => {
    h.proxy.set({ kind: 'status', status: 429, retryAfterSec: 3 });
    const page = await h.open();
    const first = h.proxy.batches().length;
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
    const rows = await h.waitForStored(2, 15_000, 'rate limited');
    expect(rows).toHaveLength(2);
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
    const rows = await h.waitForStored(50, 20_000, 'during outage');
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => (r.payload.properties as { i: number }).i)).size).toBe(50);
    expect([...countsById(h.stored()).values()].every((n) => n === 1)).toBe(true);
    expect([...h.proxy.acknowledged().values()].filter((n) => n > 1)).toEqual([]);
    const errors = await page.evaluate(() => window.waymarkErrors);
    expect(new Set(errors)).toEqual(new Set(['delivery']));
    await page.close();
  }, 120_000);
});

declare global {
  interface Window {
    waymark: import('@waymark/sdk').Waymark;
    waymarkErrors: string[];
    waymarkDelivered: string[];
  }
}
