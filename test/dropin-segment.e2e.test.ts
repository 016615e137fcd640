/** Segment's browser library, @segment/analytics-next, unmodified, with its apiHost set to the collector CLI. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from './support/browser.js';
import { startCollector, type StartedCollector } from './support/collector.js';
import { exportedEvents, expectStatusReadable, launchLocalBrowser, openWatchedPage, sentThrough, waitForDelivery } from './support/dropin-harness.js';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { startStaticServer, type StaticServer } from './support/static-server.js';

// The library's own builds, as published: UMD (global `AnalyticsNext`) and standalone (what Segment's CDN serves
// to the snippet as analytics.min.js).
const dist = (file: string) => readFileSync(fileURLToPath(new URL(`./node_modules/@segment/analytics-next/dist/umd/${file}`, import.meta.url)), 'utf8');
const UMD = dist('index.js');
const STANDALONE = dist('standalone.js');

/**
 * What changes for Waymark is `integrations['Segment.io'].apiHost` in the load options (and `protocol`, because this
 * test's collector speaks plain http). Segment's settings CDN, which Waymark does not serve, is stood in for by
 * `cdnSettings` (npm) or by the test's static server (snippet): it answers what the CDN answers for a source with no
 * other destination.
 */
const cdnSettingsOf = (writeKey: string) => ({ integrations: { 'Segment.io': { apiKey: writeKey } } });
const loadOptionsOf = (apiHost: string, deliveryStrategy?: object) =>
  ({ integrations: { 'Segment.io': { apiHost, protocol: 'http', ...(deliveryStrategy ? { deliveryStrategy } : {}) } } });

/** An app that bundles the library (here its UMD build): `AnalyticsBrowser.load(settings, options)`. */
function npmPage(writeKey: string, apiHost: string, deliveryStrategy?: object): string {
  const settings = { writeKey, cdnSettings: cdnSettingsOf(writeKey) };
  return `<!doctype html><html><head><meta charset="utf-8"><title>Segment page</title>
<script src="/vendor/analytics-next.js"></script>
<script>window.analytics = AnalyticsNext.AnalyticsBrowser.load(${JSON.stringify(settings)}, ${JSON.stringify(loadOptionsOf(apiHost, deliveryStrategy))});</script>
</head><body>shop</body></html>`;
}

/**
 * An app with Segment's snippet: calls queue in `window.analytics` until `analytics.load(writeKey, options)` has
 * loaded analytics.min.js from the CDN. `analytics._cdn` (Segment's setting for a self-hosted or proxied CDN) points
 * at the stand-in CDN, which serves the standalone build and the source's settings.
 */
function snippetPage(writeKey: string, apiHost: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Segment snippet page</title>
<script>
  (function () {
    var analytics = window.analytics = [];
    ['track', 'page', 'identify', 'group', 'alias', 'screen', 'ready', 'reset'].forEach(function (method) {
      analytics[method] = function () { analytics.push([method].concat([].slice.call(arguments))); return analytics; };
    });
    analytics.load = function (key, options) {
      var script = document.createElement('script');
      script.async = true;
      script.src = analytics._cdn + '/analytics.js/v1/' + key + '/analytics.min.js';
      document.head.appendChild(script);
      analytics._loadOptions = options;
    };
    analytics._writeKey = ${JSON.stringify(writeKey)};
    analytics._cdn = location.origin;
    analytics.load(${JSON.stringify(writeKey)}, ${JSON.stringify(loadOptionsOf(apiHost))});
  })();
</script>
</head><body>shop</body></html>`;
}

const MODES = [
  // Each event to /v1/<first letter of its type>; the first answer is lost, so the library retries that event.
  { mode: 'per event', page: npmPage, strategy: undefined, lose: /^\/v1\/[a-z]$/, paths: ['/v1/a', '/v1/g', '/v1/i', '/v1/p', '/v1/s', '/v1/t'] },
  // The `batching` delivery strategy: up to 4 events per POST /v1/b; the first batch's answer is lost.
  { mode: 'batched', page: npmPage, strategy: { strategy: 'batching', config: { size: 4, timeout: 300 } }, lose: /^\/v1\/b$/, paths: ['/v1/b'] },
  // The snippet and the standalone build, per event.
  { mode: 'snippet', page: snippetPage, strategy: undefined, lose: /^\/v1\/[a-z]$/, paths: ['/v1/a', '/v1/g', '/v1/i', '/v1/p', '/v1/s', '/v1/t'] },
];

describe('@segment/analytics-next → the collector CLI', () => {
  let collector: StartedCollector;
  let site: StaticServer;
  let browser: Browser | undefined;
  let proxy: FaultProxy | undefined;
  beforeAll(async () => {
    site = await startStaticServer({ '/vendor/analytics-next.js': UMD });
    // Secure defaults (nothing turned off): only the page's origin may send, status by userId needs the userHash.
    collector = await startCollector({ env: { WAYMARK_CORS_ORIGINS: site.url } });
    site.setPage(`/analytics.js/v1/${collector.writeKey}/analytics.min.js`, STANDALONE);
    site.setPage(`/v1/projects/${collector.writeKey}/settings`, JSON.stringify(cdnSettingsOf(collector.writeKey)));
  });
  afterEach(async () => {
    await browser?.close();
    await proxy?.close();
  });
  afterAll(async () => {
    await site?.close();
    await collector?.stop();
  });

  it.each(MODES)('stores every event exactly once, $mode, and the user\'s status is readable afterwards', async ({ mode, page, strategy, lose, paths }) => {
    const userId = `seg-${mode.replace(' ', '-')}`;
    // The page talks to the collector through a proxy that logs the wire and loses the first ingest answer (the
    // collector stores those events, the library is told 503): the library must send the same events again.
    proxy = await startFaultProxy(collector.url, { kind: 'lose-answer', status: 503, path: lose });
    const apiHost = `${proxy.url.replace('http://', '')}/v1`;
    site.setPage(`/${userId}.html`, page(collector.writeKey, apiHost, strategy));
    browser = await launchLocalBrowser();
    const watched = await openWatchedPage(browser);
    const sent = () => sentThrough(proxy!).filter((r) => r.path !== '/v1/m'); // not the library's telemetry
    await watched.page.goto(`${site.url}/${userId}.html`);

    const anonymousId = await watched.page.evaluate(async (userId) => {
      // The snippet's queue (an array) is replaced by the library once loaded.
      while (Array.isArray((window as unknown as { analytics: unknown }).analytics)) await new Promise((resolve) => setTimeout(resolve, 20));
      const a = (window as unknown as { analytics: SegmentBrowser }).analytics;
      await a.page('Pricing', { plan: 'pro' });
      for (let i = 0; i < 3; i++) await a.track('Viewed Item', { i });
      await a.identify(userId, { plan: 'pro', email: 'x@example.com' });
      await a.track('Order Completed', { revenue: 10 });
      await a.group('acme', { size: 3 });
      await a.screen('Home');
      await a.alias(userId, 'legacy-id');
      return (await a.user()).anonymousId() as string;
    }, userId);
    const calls = 9;

    expect(await waitForDelivery(sent, async () => (await exportedEvents(collector, userId)).length, calls)).toBe(true);

    const events = await exportedEvents(collector, userId);
    const ids = events.map((e) => e.messageId as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(events).toHaveLength(calls);
    // What went over the wire is exactly what was stored: the lost answer's events were sent again, same messageIds.
    const wire = sent().flatMap((r) => r.messageIds);
    expect(new Set(wire)).toEqual(new Set(ids));
    const lost = sent().filter((r) => r.answerLost);
    expect(lost).toHaveLength(1);
    expect(wire.length).toBeGreaterThan(ids.length);
    expect([...new Set(sent().map((r) => r.path))].sort()).toEqual(paths);
    expect(events.map((e) => e.type).sort()).toEqual(['alias', 'group', 'identify', 'page', 'screen', 'track', 'track', 'track', 'track']);
    const track = events.find((e) => e.event === 'Order Completed')!;
    expect(track).toMatchObject({ userId, anonymousId, properties: { revenue: 10 }, context: { library: { name: 'analytics.js' } } });
    expect(track._metadata).toBeDefined();
    expect(track).not.toHaveProperty('writeKey'); // sent on every event; a credential, not stored
    expect(track.originalTimestamp).toEqual(expect.any(String));

    await expectStatusReadable(collector, { anonymousId, userId }, calls);

    expect(watched.elsewhere).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
  });
});

/** The part of AnalyticsBrowser the page uses. */
interface SegmentBrowser {
  page(name: string, properties?: object): Promise<unknown>;
  track(event: string, properties?: object): Promise<unknown>;
  identify(userId: string, traits?: object): Promise<unknown>;
  group(groupId: string, traits?: object): Promise<unknown>;
  screen(name: string): Promise<unknown>;
  alias(to: string, from?: string): Promise<unknown>;
  user(): { anonymousId(): string | null } | Promise<{ anonymousId(): string | null }>;
}
