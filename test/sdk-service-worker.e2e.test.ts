// Delivery after the tab is gone (mobile web): events tracked while the collector is unreachable, the tab closed,
// then the network back with no page of the site open: the app's service worker, with @waymark/sdk/service-worker,
// sends them, exactly once. Real Chromium, real IndexedDB, the real collector CLI behind a fault proxy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/browser.js';
import { countsById, startSdkHarness, type SdkHarness } from './support/sdk-harness.js';

const SW_BUILD = fileURLToPath(new URL('../packages/sdk/dist/waymark-sw.iife.js', import.meta.url));
const COUNT = 30;

declare global {
  interface Window {
    swReady: Promise<unknown>;
  }
}

describe('service-worker delivery (Chromium)', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness();
  });
  afterAll(async () => h?.close());

  it('sends what a closed tab left queued when Background Sync fires with no page open, exactly once', async () => {
    const tag = `waymark:${h.collector.writeKey}`;
    // The app's own worker: two lines, the same write key and host as its pages.
    h.site.setPage('/waymark-sw.iife.js', readFileSync(SW_BUILD, 'utf8'));
    h.site.setPage('/sw.js', `importScripts('/waymark-sw.iife.js');
WaymarkServiceWorker.deliverFromServiceWorker(self, ${JSON.stringify({ writeKey: h.collector.writeKey, host: h.proxy.url })});`);
    const page = await h.open({}, "window.swReady = navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready);");
    await page.evaluate(() => window.swReady);

    h.proxy.set({ kind: 'down' });
    await page.evaluate(async (n) => {
      for (let i = 0; i < n; i++) window.waymark.track('sw event', { i });
      await window.waymark.flush();
    }, COUNT);
    // The failed send asked the worker for a sync (Chromium may already have tried it, against the outage).
    expect(await page.evaluate(async () => ((await navigator.serviceWorker.ready) as unknown as { sync: { getTags(): Promise<string[]> } }).sync.getTags())).toContain(tag);
    await page.close();
    expect(h.stored().filter((r) => r.name === 'sw event')).toHaveLength(0);

    // The network is back; no page of the site is open. DevTools' "Sync" button: the browser fires the worker's sync
    // event as it does when connectivity returns (https://chromedevtools.github.io/devtools-protocol/tot/ServiceWorker/#method-dispatchSyncEvent).
    h.proxy.set({ kind: 'pass' });
    const blank = h.browser.context.pages()[0] ?? (await h.browser.context.newPage());
    expect(h.browser.context.pages().some((p) => p.url().startsWith(h.site.url))).toBe(false);
    const cdp = await h.browser.context.newCDPSession(blank);
    const registrations: Array<{ registrationId: string; scopeURL: string }> = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: typeof registrations }) => registrations.push(...e.registrations));
    await cdp.send('ServiceWorker.enable');
    expect(await waitFor(() => registrations.some((r) => r.scopeURL.startsWith(h.site.url)), 10_000)).toBe(true);
    const { registrationId } = registrations.find((r) => r.scopeURL.startsWith(h.site.url))!;
    await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: h.site.url, registrationId, tag, lastChance: false });

    const rows = await h.waitForStored(COUNT, 30_000, 'sw event');
    expect(rows).toHaveLength(COUNT);
    expect(new Set(rows.map((r) => (r.payload.properties as { i: number }).i)).size).toBe(COUNT);
    expect([...countsById(h.stored()).values()].every((n) => n === 1)).toBe(true);
    // Acknowledged once each: the worker sent them once, and nothing else did.
    const ids = new Set(rows.map((r) => r.messageId));
    expect([...h.proxy.acknowledged()].filter(([id, n]) => ids.has(id) && n > 1)).toEqual([]);
    await cdp.detach();
  });
});
