// The dashboard in real Chromium against the real collector CLI on a SQLite file holding a generated population
// (the demo's generator, loaded through POST /v1/batch) and the onboarding example's shared config: every view
// renders from the API with no console error and no failed request, passes axe-core (no serious or critical
// violation), and is screenshotted (test/artifacts/dashboard/, not committed); user data is shown as text; a write
// key is refused; CSV downloads; keyboard navigation; phone width.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_CONFIG } from '../examples/shared/onboarding-config.js';
import { loadPopulation } from '../scripts/demo-load.mjs';
import { launchBrowser, type Browser } from './support/browser.js';
import { startCollector, type StartedCollector } from './support/collector.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARTIFACTS = join(ROOT, 'test/artifacts/dashboard');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
/** Views in the navigation, with what shows each rendered from data (a table row of data or a chart). */
const VIEWS = ['overview', 'lifecycle', 'activity', 'retention', 'onboarding', 'rfm', 'churn', 'personas', 'transitions', 'segments', 'lift', 'user'];
/** The API each population view reads: until that route is on the collector (404), the view says "not computed yet". */
const POPULATION_API: Record<string, string> = {
  lifecycle: 'lifecycle?interval=day', activity: 'lifecycle?interval=day', retention: 'retention?interval=week', rfm: 'rfm',
  churn: 'churn', personas: 'personas', transitions: 'transitions', segments: 'transitions',
};
/** Views with data from the existing APIs even while their population API is missing (segments: sizes now). */
const PARTIAL = new Set(['segments']);

describe('dashboard', () => {
  let c: StartedCollector;
  let browser: Browser;
  const missingApis = new Set<string>();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    c = await startCollector();
    const admin = { authorization: `Bearer ${c.secretKey}`, 'content-type': 'application/json' };
    const put = await fetch(`${c.url}/v1/admin/config`, { method: 'PUT', headers: admin, body: JSON.stringify(PROJECT_CONFIG) });
    expect(put.status).toBe(200);
    const loaded = await loadPopulation({ host: c.url, writeKey: c.writeKey, seed: 7, users: 400, days: 60 });
    expect(loaded.rejected).toBe(0);
    const now = Date.now();
    const res = await fetch(`${c.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${c.writeKey}:`)}` },
      body: JSON.stringify({ batch: [
        { type: 'identify', messageId: 'h1', userId: 'ada', traits: { nickname: HOSTILE }, timestamp: new Date(now - 60_000).toISOString() },
        { type: 'track', messageId: 'h2', userId: 'ada', event: 'Project Created', timestamp: new Date(now - 50_000).toISOString() },
        { type: 'track', messageId: 'h3', userId: 'ada', event: HOSTILE, timestamp: new Date(now - 40_000).toISOString() },
      ] }),
    });
    expect(await res.json()).toMatchObject({ accepted: 3, rejected: [] });
    for (const [view, path] of Object.entries(POPULATION_API)) {
      const r = await fetch(`${c.url}/v1/admin/analytics/${path}`, { headers: admin });
      if (r.status === 404) missingApis.add(view);
    }
    if (missingApis.size) console.log(`views whose API answered 404 (route missing or nothing computed): ${[...missingApis].join(', ')}`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.stop();
  });

  /** A page that records console errors, failed requests and error answers (other than the expected 404s). */
  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' && !/404 \(Not Found\)/.test(m.text())) problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      const api = /\/v1\/admin\/analytics\/(\w+)/.exec(r.url())?.[1];
      const expected404 = r.status() === 404 && api !== undefined && [...missingApis].some((v) => POPULATION_API[v]!.startsWith(api));
      if (r.status() >= 400 && !expected404) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    return { page, problems };
  }

  const openView = async (page: Page, view: string) => {
    await page.evaluate((v) => (location.hash = `#/${v}`), view);
    await page.waitForFunction((v) => document.body.dataset.view === v.split('/')[0] && !document.getElementById('view')!.hasAttribute('aria-busy'), view, { timeout: 15_000 });
  };

  const seriousViolations = async (page: Page) => {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
      const { violations } = await axe.run(document, { resultTypes: ['violations'] });
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
    });
  };

  it('renders every view from the API, accessible, without errors, and screenshots it', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${c.url}/dashboard#key=${c.secretKey}`);
    await page.locator('#app:not([hidden])').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).hash).toBe(''); // the key left the address bar (and history)
    for (const view of VIEWS) {
      await openView(page, view === 'user' ? 'user/ada' : view);
      const notComputed = await page.locator('#view [data-state="not-computed"]').count();
      if (missingApis.has(view)) expect(notComputed, `${view}: its API is not on the collector yet`).toBeGreaterThan(0);
      else expect(notComputed, `${view} renders from data`).toBe(0);
      if (!missingApis.has(view) || PARTIAL.has(view)) {
        const dataRows = await page.locator('#view tbody tr:not(:has(td.empty))').count();
        expect(dataRows, `${view} shows data rows`).toBeGreaterThan(0);
      }
      expect(await page.locator('#view .error').count(), `${view} has no error`).toBe(0);
      expect(await seriousViolations(page), `${view}: axe serious/critical`).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `${view}.png`), fullPage: true });
    }
    // The numbers are the population's: the overview counts every profile and the funnel the shared checklist.
    await openView(page, 'overview');
    expect(Number((await page.locator('.card[data-metric="People"] b').textContent())!.replace(/,/g, ''))).toBeGreaterThanOrEqual(401);
    await openView(page, 'onboarding');
    expect(await page.locator('[data-checklist="setup"] h2').textContent()).toMatch(/^setup: [\d,]+ of [\d,]+ completed/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows hostile event names and traits as text', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${c.url}/dashboard#/user/ada`);
    await page.evaluate((key) => sessionStorage.setItem('waymark.dashboard.key', key), c.secretKey);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.view === 'user' && !document.getElementById('view')!.hasAttribute('aria-busy'), undefined, { timeout: 15_000 });
    const text = await page.locator('#view').textContent();
    expect(text).toContain(HOSTILE); // the event name and the trait, as text
    if (!missingApis.has('personas')) expect(await page.locator('dd', { hasText: 'not computed yet' }).count(), 'population fields shown').toBeLessThan(3);
    expect(await page.locator('#view img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('refuses a write key and asks for the secret key instead', async () => {
    const { page } = await watchedPage();
    await page.goto(`${c.url}/dashboard#key=${c.writeKey}`);
    await page.locator('#key-form:not([hidden])').waitFor({ timeout: 15_000 });
    expect(await page.locator('#error').textContent()).toMatch(/write key cannot reach admin routes/);
    expect(await page.locator('#app').isHidden()).toBe(true);
    await page.fill('#key', c.secretKey);
    await page.keyboard.press('Enter');
    await page.locator('#app:not([hidden])').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => sessionStorage.getItem('waymark.dashboard.key'))).toBe(c.secretKey);
    await page.close();
  });

  it('is usable with the keyboard and downloads a table as CSV', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${c.url}/dashboard#key=${c.secretKey}`);
    await page.waitForFunction(() => document.body.dataset.view === 'overview', undefined, { timeout: 15_000 });
    // Tab from the top of the page to the "Onboarding" link and open it with Enter.
    let onLink = false;
    for (let i = 0; i < 20 && !onLink; i++) {
      await page.keyboard.press('Tab');
      onLink = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.view === 'onboarding');
    }
    expect(onLink).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.dataset.view === 'onboarding' && document.activeElement?.id === 'view-title', undefined, { timeout: 15_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-table="funnel-setup"] button.csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('Step,People done,Of everyone,From previous step,Median time from first seen');
    expect(csv).toMatch(/\r\nproject,\d+,0\.\d+/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a step done on a device in the funnel after Refresh', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${c.url}/dashboard#key=${c.secretKey}`);
    await openView(page, 'onboarding');
    const projectDone = async () => Number((await page.locator('[data-table="funnel-setup"] tbody tr:first-child td:nth-child(2)').textContent())!.replace(/,/g, ''));
    const before = await projectDone();
    const shownAt = Date.now();
    const res = await fetch(`${c.url}/v1/batch`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${c.writeKey}:`)}` },
      body: JSON.stringify({ batch: [{ type: 'track', messageId: 'step-1', userId: 'grace', event: 'Project Created', timestamp: new Date().toISOString() }] }),
    });
    expect(res.status).toBe(200);
    // The collector reuses an overview for 10 s; Refresh after that waits for a new one (fresh=1).
    await new Promise((r) => setTimeout(r, Math.max(0, shownAt + 10_500 - Date.now())));
    await page.click('#refresh');
    await expect.poll(projectDone, { timeout: 15_000 }).toBe(before + 1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a group\'s members a page at a time', async (ctx) => {
    const probe = await fetch(`${c.url}/v1/admin/analytics/segments/status:active/members?limit=1`, { headers: { authorization: `Bearer ${c.secretKey}` } });
    if (probe.status === 404) return ctx.skip(); // the members route is not on this collector yet
    const { page, problems } = await watchedPage();
    await page.goto(`${c.url}/dashboard#key=${c.secretKey}`);
    await page.waitForFunction(() => document.body.dataset.view === 'overview', undefined, { timeout: 15_000 });
    await page.click('a[href="#/members/status%3Aactive"]');
    await page.waitForFunction(() => document.body.dataset.view === 'members' && !document.getElementById('view')!.hasAttribute('aria-busy'), undefined, { timeout: 15_000 });
    const firstPage = await page.locator('#view tbody tr').allTextContents();
    expect(firstPage).toHaveLength(50);
    await page.click('text=Next page');
    await page.waitForFunction(() => /Page 2/.test(document.getElementById('view')!.textContent ?? '') && !document.getElementById('view')!.hasAttribute('aria-busy'), undefined, { timeout: 15_000 });
    const secondPage = await page.locator('#view tbody tr').allTextContents();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((row) => firstPage.includes(row))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('is readable at phone width', async () => {
    const phone = await launchBrowser({ mobile: true });
    try {
      const page = phone.context.pages()[0] ?? (await phone.context.newPage());
      await page.goto(`${c.url}/dashboard#key=${c.secretKey}`);
      await page.waitForFunction(() => document.body.dataset.view === 'overview', undefined, { timeout: 15_000 });
      // Wide tables scroll inside their own box; the page itself never scrolls sideways, on any view. (A mobile
      // browser widens its layout viewport to overflowing content, so compare with the device's own width.)
      const deviceWidth = page.viewportSize()!.width;
      for (const view of VIEWS) {
        await openView(page, view === 'user' ? 'user/ada' : view);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${view} at phone width`).toBeLessThanOrEqual(deviceWidth);
      }
      await openView(page, 'overview');
      await page.screenshot({ path: join(ARTIFACTS, 'overview-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
