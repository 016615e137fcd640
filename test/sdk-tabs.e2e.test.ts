import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsById, startSdkHarness, type SdkHarness } from './support/sdk-harness.js';

describe('SDK with several tabs of one origin (Chromium, Web Locks)', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness({ options: { maxBatchEvents: 10 } });
  });
  afterAll(async () => h?.close());

  it('(3) stores every event of three tabs tracking at once exactly once, sent by one tab at a time', async () => {
    // Tabs opened one after the other, each tracking its page view on load like the snippet does.
    const pages = [];
    for (let i = 0; i < 3; i++) pages.push(await h.open({}, 'waymark.page();'));
    await Promise.all(
      pages.map((page, tab) =>
        page.evaluate(async (t) => {
          for (let i = 0; i < 40; i++) {
            window.waymark.track('tab event', { tab: t, i });
            if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }, tab),
      ),
    );
    const rows = await h.waitForStored(120, 60_000, 'tab event');
    expect(rows).toHaveLength(120);
    const keys = new Set(rows.map((r) => JSON.stringify(r.payload.properties)));
    expect(keys.size).toBe(120);
    expect([...countsById(h.stored()).values()].every((n) => n === 1)).toBe(true);
    // In the normal case no event reaches the collector twice: the collector saw no duplicates.
    expect([...h.proxy.acknowledged().values()].filter((n) => n > 1)).toEqual([]);
    expect(h.proxy.batches().flatMap((r) => r.response?.duplicates ?? [])).toEqual([]);
    // One session for the origin, shared by the tabs.
    expect(new Set(rows.map((r) => (r.payload.context as { sessionId: string }).sessionId)).size).toBe(1);
    for (const page of pages) await page.close();
  });
});
