import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, waitFor, type Browser } from './support/browser.js';
import { queryEvents, startCollector, type StartedCollector } from './support/collector.js';
import { fileURLToPath } from 'node:url';
import { startStaticServer, type StaticServer } from './support/static-server.js';

const EXAMPLE = readFileSync(new URL('../examples/script-tag/index.html', import.meta.url), 'utf8');
/** Both script-tag builds: the snippet starts `createWaymark` from the full one, `createTracker` from the tracking-only one. */
const BUILDS = ['waymark.iife.js', 'waymark-tracker.iife.js'].map((file) => [file, fileURLToPath(new URL(`../packages/sdk/dist/${file}`, import.meta.url))]);

describe.each(BUILDS)('the copy-paste async snippet (examples/script-tag) with %s against the real collector', (_file, sdkPath) => {
  let collector: StartedCollector;
  let site: StaticServer;
  let browser: Browser;
  /** Lets the SDK's response go out. Held until the test made its early call (a fixed delay raced a slow machine). */
  let releaseSdk: () => void;
  beforeAll(async () => {
    collector = await startCollector();
    // The SDK arrives late, so calls made meanwhile go through the snippet's queue.
    const sdkHeld = new Promise<void>((resolve) => (releaseSdk = resolve));
    site = await startStaticServer(
      {
        '/script-tag/': EXAMPLE,
        '/demo-config.js': `window.WAYMARK_DEMO = ${JSON.stringify({ host: collector.url, writeKey: collector.writeKey })};`,
      },
      { sdkHeld, sdkPath },
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    releaseSdk?.();
    await browser?.close();
    await site?.close();
    await collector?.stop();
  });

  it('queues calls made before the script loads, with their own time, then tracks clicks and SPA navigations', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${site.url}/script-tag/`, { waitUntil: 'domcontentloaded' });
    const early = await page.evaluate(() => {
      const loaded = typeof (window as unknown as { Waymark?: unknown }).Waymark !== 'undefined';
      window.waymark.track('Before Load', { early: true });
      return { loaded, atMs: Date.now() };
    });
    expect(early.loaded).toBe(false);
    releaseSdk();
    await page.waitForFunction(() => typeof (window as unknown as { Waymark?: unknown }).Waymark !== 'undefined');
    await page.click('text=Track a click');
    await page.click('text=Navigate (SPA)');
    await page.evaluate(() => window.waymark.flush());
    const names = () => queryEvents(collector.dbPath).map((r) => r.name ?? r.type);
    await waitFor(() => ['Example Loaded', 'Before Load', 'Button Clicked'].every((n) => names().includes(n)) && names().filter((n) => n === 'page').length >= 2, 60_000);
    const rows = queryEvents(collector.dbPath);
    const before = rows.find((r) => r.name === 'Before Load')!;
    expect(Date.parse(before.originalTimestamp!)).toBeLessThanOrEqual(early.atMs);
    expect(rows.find((r) => r.name === 'Button Clicked')!.payload.properties).toEqual({ button: 'primary' });
    const pages = rows.filter((r) => r.type === 'page');
    expect(pages.length).toBe(2);
    expect(new Set(pages.map((r) => (r.payload.context as { page: { search: string } }).page.search)).size).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });
});
