// The onboarding example in real Chromium against the real collector CLI: checklist, progress bar,
// persistence, offline, restore from the server snapshot after clearing site data, nudge dismiss and caps.
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_CONFIG } from '../examples/shared/onboarding-config.js';
import { createExamplesServer } from '../scripts/examples-server.mjs';
import { launchBrowser, type Browser } from './support/browser.js';
import { queryEvents, startCollector, type StartedCollector } from './support/collector.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Bound of every condition wait (returns as soon as the condition holds; generous for a loaded 2-core CI box). */
const WAIT_MS = 45_000;
/** The built SDK the example loads (`waymark.iife.js`); overridable to try another build. */
const SDK_DIST = process.env.WAYMARK_SDK_DIST ?? join(ROOT, 'packages/sdk/dist');
/** The example's rules: the project config the demo puts on the collector (one file, read by the page with GET /v1/config). */
const sharedConfig = PROJECT_CONFIG;

/** Serves the example exactly as the demo command does (scripts/examples-server.mjs). */
function serveExample(config: { host: string; writeKey: string }, secretKey: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createExamplesServer(config, { sdkDir: SDK_DIST, secretKey });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

describe('onboarding example, end to end', () => {
  let collector: StartedCollector;
  let site: Awaited<ReturnType<typeof serveExample>>;
  const browsers: Browser[] = [];

  /** A fresh Chromium profile: another device. */
  async function device(): Promise<Page> {
    const browser = await launchBrowser();
    browsers.push(browser);
    return browser.context.pages()[0] ?? browser.context.newPage();
  }
  const open = async (page: Page, query = '') => {
    await page.goto(`${site.url}/onboarding/${query}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: WAIT_MS });
  };
  const text = (page: Page, id: string) => page.textContent(`[data-testid="${id}"]`);
  const waitText = (page: Page, id: string, expected: string) =>
    page.waitForFunction(([sel, want]) => document.querySelector(sel!)?.textContent === want, [`[data-testid="${id}"]`, expected], { timeout: WAIT_MS });
  const barWidth = (page: Page) => page.$eval('#fill', (el) => (el as HTMLElement).style.width);
  const nudgeId = (page: Page) => page.$eval('[data-testid="nudge"]', (el) => ((el as HTMLElement).hidden ? null : (el as HTMLElement).dataset.nudge ?? null));
  /** What "clear site data" does: IndexedDB, localStorage, cookies... of the example's origin, gone. */
  const clearLocalData = async (page: Page) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: site.url, storageTypes: 'all' });
    await cdp.detach();
  };
  const flush = (page: Page) => page.evaluate(() => (window as unknown as { waymark: { flush(): Promise<void> } }).waymark.flush());
  beforeAll(async () => {
    collector = await startCollector();
    // The example's rules are the project's config (as the demo puts them): the page reads GET /v1/config.
    const put = await fetch(`${collector.url}/v1/admin/config`, {
      method: 'PUT', headers: { authorization: `Bearer ${collector.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(sharedConfig),
    });
    expect(put.status).toBe(200);
    site = await serveExample({ host: collector.url, writeKey: collector.writeKey }, collector.secretKey);
  });
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await site?.close();
    await collector?.stop();
  });

  let first: Page;

  it('moves the progress bar as steps are completed, synchronously', async () => {
    first = await device();
    await open(first);
    expect(await text(first, 'progress-text')).toBe('0 / 4');
    expect(await text(first, 'status')).toMatch(/^new/);
    await first.click('[data-testid="do-project"]');
    await waitText(first, 'progress-text', '1 / 4');
    expect(await barWidth(first)).toBe('25%');
    await first.click('[data-testid="do-connect"]');
    await waitText(first, 'progress-text', '2 / 4');
    expect(await barWidth(first)).toBe('50%');
  });

  it('keeps the progress across a reload (restored from IndexedDB before ready)', async () => {
    await first.reload();
    await first.waitForSelector('body[data-ready="true"]', { timeout: WAIT_MS });
    expect(await text(first, 'progress-text')).toBe('2 / 4');
    expect(await barWidth(first)).toBe('50%');
  });

  it('keeps working offline', async () => {
    await first.context().setOffline(true);
    await first.click('[data-testid="do-deploy"]');
    await first.click('[data-testid="do-deploy"]');
    await waitText(first, 'progress-text', '3 / 4');
    expect(await text(first, 'onboarding')).toContain('"next":"invite"');
    await first.context().setOffline(false);
  });

  it('restores the progress from the server snapshot after local data is cleared, once identified (verified)', async () => {
    // Sign in on the first device (the page gets alice's userHash from the demo's stand-in backend): earlier
    // anonymous events are linked to alice on the collector.
    const signed = first.waitForResponse((r) => r.url().includes('/v1/status?') && r.url().includes('userId=alice'), { timeout: WAIT_MS });
    await open(first, '?userId=alice');
    expect((await signed).status()).toBe(200);
    await flush(first);
    await expect.poll(() => queryEvents(collector.dbPath).filter((e) => e.name === 'Deployed').length, { timeout: WAIT_MS }).toBe(2);

    // Identity verification is on by default: a status read needs HMAC-SHA256(secret key, userId).
    // Clear local data, come back identified with a forged signature: nothing is restored, and the SDK says why once.
    await clearLocalData(first);
    const refused = first.waitForResponse((r) => r.url().includes('/v1/status?'), { timeout: WAIT_MS });
    const errors: string[] = [];
    first.on('console', (m) => m.type() === 'warning' && m.text().includes('[waymark-example]') && errors.push(m.text()));
    await open(first, '?userId=alice&userHash=00');
    expect((await refused).status()).toBe(403);
    // A second, awaited status read (refused again) proves the refusal was processed, not merely not yet applied.
    await first.evaluate(async () => {
      await (window as unknown as { waymark: { sync(): Promise<void> } }).waymark.sync();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(await text(first, 'progress-text')).toBe('0 / 4');
    expect(await text(first, 'onboarding')).toContain('"done":0');
    expect(errors).toEqual([expect.stringMatching(/status: GET \/v1\/status 403: identity verification is on: userHash = hex HMAC-SHA256\(secret key, userId\) is required/)]);

    // A live segment defined by an admin reaches the device with the snapshot; the config is served to it too.
    const put = await fetch(`${collector.url}/v1/admin/config`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${collector.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...sharedConfig, segments: { ...sharedConfig.segments, deployers: { event: 'Deployed', atLeast: 2 } } }),
    });
    expect(put.status).toBe(200);

    // Clear local data again and come back with the right signature: progress restored from the server.
    await clearLocalData(first);
    const fresh = first;
    const hash = createHmac('sha256', collector.secretKey).update('alice').digest('hex');
    const configServed = fresh.waitForResponse((r) => r.url().includes('/v1/config?'), { timeout: WAIT_MS });
    await open(fresh, `?userId=alice&userHash=${hash}`);
    await waitText(fresh, 'progress-text', '3 / 4');
    expect(await barWidth(fresh)).toBe('75%');
    expect(await text(fresh, 'segments')).toBe('["deployers"]');
    expect((await configServed).status()).toBe(200);
    // Steps done before the data was cleared count again; a new one adds to them.
    await fresh.click('[data-testid="do-invite"]');
    await waitText(fresh, 'progress-text', '4 / 4');
  });

  let second: Page;

  it('keeps a dismissed nudge dismissed across reloads', async () => {
    const page = (second = await device());
    await open(page);
    expect(await nudgeId(page)).toBe('finish-setup');
    await page.click('[data-testid="do-project"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="nudge"]')?.getAttribute('data-nudge') === 'invite-team', undefined, { timeout: WAIT_MS });
    await page.click('[data-testid="nudge-dismiss"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="nudge"]')?.getAttribute('data-nudge') !== 'invite-team', undefined, { timeout: WAIT_MS });
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: WAIT_MS });
    expect(await nudgeId(page)).toBe('finish-setup');
    expect(await text(page, 'explain')).toMatch(/invite-team: .*dismissed/);
  });

  it('respects the per-nudge cap and the global rate limit', async () => {
    const page = second;
    await clearLocalData(page);
    await open(page);
    await page.click('[data-testid="do-project"]');
    const seen: Array<string | null> = [];
    // One impression per page view: finish-setup, then invite-team (priority) 3 times (maxShows), then
    // finish-setup until 5 shows a day; the nudge shown by a page stays on it even when that show hit a cap.
    for (let view = 0; view < 6; view++) {
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]', { timeout: WAIT_MS });
      seen.push(await nudgeId(page));
    }
    expect(seen).toEqual(['invite-team', 'invite-team', 'finish-setup', null, null, null]);
    expect(await text(page, 'explain')).toMatch(/invite-team: .*max shows reached \(3 of 3\)/);
    expect(await text(page, 'explain')).toMatch(/finish-setup: .*rate limited/);
  });
});
