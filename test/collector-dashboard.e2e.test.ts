// The dashboard in real Chromium against the real collector CLI on a SQLite file: it shows what ingest
// stored (people, lifecycle, funnel, top events), keeps the secret key out of the address bar, renders
// user data as text, and asks for a key again when the one it holds stops working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './support/browser.js';
import { startCollector, type StartedCollector } from './support/collector.js';

const DAY = 86_400_000;
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

describe('collector dashboard', () => {
  let c: StartedCollector;
  let browser: Browser;
  beforeAll(async () => {
    c = await startCollector();
    browser = await launchBrowser();
    const admin = { authorization: `Bearer ${c.secretKey}`, 'content-type': 'application/json' };
    const put = await fetch(`${c.url}/v1/admin/config`, { method: 'PUT', headers: admin, body: JSON.stringify({
      checklists: [{ id: 'setup', steps: [{ id: 'project', event: 'Project Created' }, { id: 'invite', event: 'Teammate Invited' }] }],
    }) });
    expect(put.status).toBe(200);
    const now = Date.now();
    const ev = (messageId: string, who: Record<string, string>, event: string, ago = 0) =>
      ({ type: 'track', event, messageId, ...who, timestamp: new Date(now - ago).toISOString() });
    const res = await fetch(`${c.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${c.writeKey}:`)}` },
      body: JSON.stringify({ batch: [
        ev('d1', { userId: 'ada' }, 'Project Created'),
        ev('d2', { userId: 'ada' }, 'Teammate Invited'),
        ev('d3', { userId: 'bob' }, 'Project Created', 3 * DAY),
        ev('d4', { anonymousId: 'old-visitor' }, HOSTILE, 45 * DAY),
      ] }),
    });
    expect(await res.json()).toMatchObject({ accepted: 4, rejected: [] });
  });
  afterAll(async () => {
    await browser?.close();
    await c?.stop();
  });

  const cardValue = (page: import('playwright-core').Page, metric: string) => page.locator(`.card[data-metric="${metric}"] b`).textContent();

  it('shows people, lifecycle, the onboarding funnel and top events from the secret-key API', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${c.url}/dashboard#key=${c.secretKey}`);
    await page.locator('#main:not([hidden])').waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).hash).toBe(''); // the key left the address bar (and history)
    expect(await cardValue(page, 'People')).toBe('3');
    expect(await cardValue(page, 'Identified')).toBe('2');
    expect(await cardValue(page, 'DAU')).toBe('1');
    const lifecycle = await page.locator('#lifecycle tr').allTextContents();
    expect(lifecycle).toContain('new2' + '66.7%');
    expect(lifecycle).toContain('churned1' + '33.3%');
    expect(await page.locator('[data-checklist="setup"] h3').textContent()).toBe('setup: 1 of 3 completed (33.3%)');
    // An event name is user data: shown as text, never parsed as HTML.
    expect(await page.locator('#events').textContent()).toContain(HOSTILE);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('refuses a write key and asks for the secret key instead', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${c.url}/dashboard#key=${c.writeKey}`);
    await page.locator('#key-form:not([hidden])').waitFor({ timeout: 10_000 });
    expect(await page.locator('#error').textContent()).toMatch(/write key cannot reach admin routes/);
    expect(await page.locator('#main').isHidden()).toBe(true);
    await page.fill('#key', c.secretKey);
    await page.click('#key-form button');
    await page.locator('#main:not([hidden])').waitFor({ timeout: 10_000 });
    expect(await cardValue(page, 'People')).toBe('3');
    await page.close();
  });
});
