import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsById, startSdkHarness, type SdkHarness } from './support/sdk-harness.js';

/** Pretends the page went to the background and back, as mobile browsers do (headless Chromium never hides a page). */
const setVisibility = (state: 'hidden' | 'visible') => {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
};

describe.each([
  ['desktop', false],
  ['mobile emulation (Pixel 7: isMobile, hasTouch, mobile UA)', true],
])('SDK page lifecycle, %s', (_label, mobile) => {
  let h: SdkHarness;
  beforeAll(async () => {
    // A long interval: only the page-hide path (or the next visit) can deliver these events.
    h = await startSdkHarness({ mobile, options: { flushIntervalMs: 120_000 } });
  });
  afterAll(async () => h?.close());

  it('(2) delivers events tracked right before the tab is closed, exactly once', async () => {
    const page = await h.open();
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) window.waymark.track('before close', { i });
    });
    await page.close({ runBeforeUnload: true });
    let rows = await h.waitForStored(5, 15_000, 'before close');
    if (rows.length < 5) {
      // Not by keepalive: then the next visit sends them from IndexedDB.
      const next = await h.open();
      rows = await h.waitForStored(5, 60_000, 'before close');
      await next.close();
    }
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.payload.context && (r.payload.context as { library?: unknown }).library)).toBe(true);
    expect([...countsById(h.stored()).values()].every((n) => n === 1)).toBe(true);
  });

  it('sends on every hide without sending an event twice, and keeps the rest for later', async () => {
    const page = await h.open();
    const since = h.proxy.batches().length;
    await page.evaluate((fn) => {
      const set = new Function(`return (${fn})`)() as (s: string) => void;
      window.waymark.track('backgrounded', { n: 1 });
      set('hidden');
      set('visible');
      set('hidden');
      window.waymark.track('backgrounded', { n: 2 });
      set('visible');
      set('hidden');
      set('hidden');
    }, setVisibility.toString());
    const rows = await h.waitForStored(2, 60_000, 'backgrounded');
    expect(rows.map((r) => (r.payload.properties as { n: number }).n).sort()).toEqual([1, 2]);
    const sent = h.proxy.batches().slice(since);
    expect(sent.length).toBeGreaterThan(0);
    const counts = new Map<string, number>();
    for (const r of sent) for (const id of r.messageIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await page.close();
  });

  it('loses nothing and duplicates nothing across navigating away and coming back', async () => {
    const page = await h.open();
    const url = page.url();
    await page.evaluate(() => window.waymark.track('before navigation'));
    await page.goto(`${h.site.url}/waymark.iife.js`);
    await page.goto(url);
    await page.evaluate(() => window.waymark.track('after navigation'));
    await page.close({ runBeforeUnload: true });
    const before = await h.waitForStored(1, 60_000, 'before navigation');
    const after = await h.waitForStored(1, 60_000, 'after navigation');
    expect([before.length, after.length]).toEqual([1, 1]);
    expect([...countsById(h.stored()).values()].every((n) => n === 1)).toBe(true);
  });
});
