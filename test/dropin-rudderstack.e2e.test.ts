/** RudderStack's browser library, @rudderstack/analytics-js v3, unmodified, with its data-plane URL set to the collector CLI. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from './support/browser.js';
import { startCollector, type StartedCollector } from './support/collector.js';
import { exportedEvents, expectStatusReadable, launchLocalBrowser, openWatchedPage, sentThrough, waitForDelivery } from './support/dropin-harness.js';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { startStaticServer, type StaticServer } from './support/static-server.js';

// The package's browser build with its plugins bundled (`@rudderstack/analytics-js/bundled`, UMD: global
// `rudderanalytics.RudderAnalytics`), so no plugin is fetched from RudderStack's CDN. The CDN's `rsa.min.js` is not
// in the npm package; this is the same SDK (v3) built for a page.
const BUNDLE = readFileSync(fileURLToPath(new URL('./node_modules/@rudderstack/analytics-js/dist/npm/modern/bundled/umd/index.js', import.meta.url)), 'utf8');

/**
 * The page an app already has: `load(writeKey, dataPlaneUrl)` with the collector as data plane (the one change).
 * `getSourceConfig` gives the source configuration locally, as RudderStack's control plane would answer it for a
 * source with no destinations (Waymark does not serve `/sourceConfig`), so nothing is fetched from it.
 */
function rudderPage(writeKey: string, dataPlaneUrl: string, loadOptions: object): string {
  const sourceConfig = { source: { id: 'waymark-test', name: 'shop', writeKey, workspaceId: 'ws', enabled: true, config: {}, destinations: [] } };
  return `<!doctype html><html><head><meta charset="utf-8"><title>RudderStack page</title>
<script src="/vendor/rudderstack.js"></script>
<script>
  window.rudderanalytics = new rudderanalytics.RudderAnalytics();
  var sourceConfig = ${JSON.stringify(sourceConfig)};
  rudderanalytics.load(${JSON.stringify(writeKey)}, ${JSON.stringify(dataPlaneUrl)},
    Object.assign({ getSourceConfig: function () { return sourceConfig; } }, ${JSON.stringify(loadOptions)}));
</script>
</head><body>shop</body></html>`;
}

const MODES = [
  // The default XHR transport: each event to /v1/<type>; the first answer is lost, so the queue retries that event.
  { mode: 'per event', options: {}, lose: /^\/v1\/[a-z]+$/, paths: ['/v1/alias', '/v1/group', '/v1/identify', '/v1/page', '/v1/track'] },
  // Batched XHR: up to 4 events per POST /v1/batch; the first batch's answer is lost.
  { mode: 'batched', options: { queueOptions: { batch: { enabled: true, maxItems: 4, flushInterval: 300 } } }, lose: /^\/v1\/batch$/, paths: ['/v1/batch'] },
  // Beacon mode: navigator.sendBeacon to /beacon/v1/batch?writeKey=…, here only when the page is left (the queue's
  // size and interval are not reached). A beacon's answer is never read: nothing to lose.
  { mode: 'beacon', options: { useBeacon: true, beaconQueueOptions: { maxItems: 100, flushQueueInterval: 600_000 } }, leave: true, lose: undefined, paths: ['/beacon/v1/batch'] },
];

describe('@rudderstack/analytics-js → the collector CLI', () => {
  let collector: StartedCollector;
  let site: StaticServer;
  let browser: Browser | undefined;
  let proxy: FaultProxy | undefined;
  beforeAll(async () => {
    site = await startStaticServer({ '/vendor/rudderstack.js': BUNDLE });
    // Secure defaults (nothing turned off): only the page's origin may send, status by userId needs the userHash.
    collector = await startCollector({ env: { WAYMARK_CORS_ORIGINS: site.url } });
  });
  afterEach(async () => {
    await browser?.close();
    await proxy?.close();
  });
  afterAll(async () => {
    await site?.close();
    await collector?.stop();
  });

  it.each(MODES)('stores every event exactly once, $mode, and the user\'s status is readable afterwards', async ({ mode, options, leave, lose, paths }) => {
    const userId = `rs-${mode.replace(' ', '-')}`;
    // The data plane is a proxy in front of the collector that logs the wire and loses the first ingest answer (the
    // collector stores those events, the library is told 503): the library must send the same events again.
    proxy = await startFaultProxy(collector.url, lose ? { kind: 'lose-answer', status: 503, path: lose } : { kind: 'pass' });
    site.setPage(`/${userId}.html`, rudderPage(collector.writeKey, proxy.url, options));
    browser = await launchLocalBrowser();
    const watched = await openWatchedPage(browser);
    const sentRequests = () => sentThrough(proxy!);
    await watched.page.goto(`${site.url}/${userId}.html`);

    const anonymousId = await watched.page.evaluate((userId) => new Promise<string>((resolve) => {
      const r = (window as unknown as { rudderanalytics: RudderBrowser }).rudderanalytics;
      r.ready(() => {
        r.page('Pricing', { plan: 'pro' });
        for (let i = 0; i < 3; i++) r.track('Viewed Item', { i });
        r.identify(userId, { plan: 'pro', email: 'x@example.com' });
        r.track('Order Completed', { revenue: 10 });
        r.group('acme', { size: 3 });
        r.alias(userId, 'legacy-id');
        resolve(r.getAnonymousId());
      });
    }), userId);
    const calls = 8;
    if (leave) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(sentRequests()).toEqual([]); // held until the page is left
      await watched.page.goto('about:blank');
    }

    expect(await waitForDelivery(sentRequests, async () => (await exportedEvents(collector, userId)).length, calls)).toBe(true);

    const events = await exportedEvents(collector, userId);
    const ids = events.map((e) => e.messageId as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(events).toHaveLength(calls);
    const wire = sentRequests().flatMap((r) => r.messageIds);
    expect(new Set(wire)).toEqual(new Set(ids));
    expect(sentRequests().filter((r) => r.answerLost)).toHaveLength(lose ? 1 : 0);
    if (lose) expect(wire.length).toBeGreaterThan(ids.length); // the lost answer's events went twice, same messageIds
    expect([...new Set(sentRequests().map((r) => r.path))].sort()).toEqual(paths);
    expect(events.map((e) => e.type).sort()).toEqual(['alias', 'group', 'identify', 'page', 'track', 'track', 'track', 'track']);
    // RudderStack's dialect read as the envelope: no empty userId before identify, its originalTimestamp kept.
    const first = events.find((e) => e.type === 'page')!;
    expect(first).toMatchObject({ anonymousId, channel: 'web', context: { library: { name: 'RudderLabs JavaScript SDK' } } });
    expect(first).not.toHaveProperty('userId');
    expect(first.originalTimestamp).toEqual(expect.any(String));
    expect(events.find((e) => e.event === 'Order Completed')).toMatchObject({ userId, anonymousId, properties: { revenue: 10 } });

    await expectStatusReadable(collector, { anonymousId, userId }, calls);

    expect(watched.elsewhere).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
  });
});

/** The part of RudderAnalytics the page uses. */
interface RudderBrowser {
  ready(callback: () => void): void;
  page(name: string, properties?: object): void;
  track(event: string, properties?: object): void;
  identify(userId: string, traits?: object): void;
  group(groupId: string, traits?: object): void;
  alias(to: string, from?: string): void;
  getAnonymousId(): string;
}
