// The React onboarding example (examples/react-onboarding, built with esbuild from the packages' dist/) in real
// Chromium against the real collector CLI: the checklist and the nudge through @waymark/react's hooks, under
// StrictMode (one tracker, one session_start, one impression per nudge shown), persisted across a reload.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReactExample } from '../examples/react-onboarding/build.mjs';
import { createExamplesServer } from '../scripts/examples-server.mjs';
import { launchBrowser, type Browser } from './support/browser.js';
import { queryEvents, startCollector, type StartedCollector } from './support/collector.js';

const WAIT_MS = 45_000;

describe('React onboarding example, end to end', () => {
  let collector: StartedCollector;
  let site: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const text = (id: string) => page.textContent(`[data-testid="${id}"]`);
  const waitText = (id: string, expected: string) =>
    page.waitForFunction(([sel, want]) => document.querySelector(sel!)?.textContent === want, [`[data-testid="${id}"]`, expected], { timeout: WAIT_MS });
  const nudgeId = () => page.$eval('[data-testid="nudge"]', (el) => (el as HTMLElement).dataset.nudge ?? null).catch(() => null);
  const waitNudge = (id: string | null) =>
    page.waitForFunction((want) => (document.querySelector('[data-testid="nudge"]')?.getAttribute('data-nudge') ?? null) === want, id, { timeout: WAIT_MS });
  const open = async () => {
    await page.goto(`${site.url}/react-onboarding/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: WAIT_MS });
  };
  const stored = async () => {
    await page.evaluate(() => (window as unknown as { waymark: { flush(): Promise<void> } }).waymark.flush());
    return queryEvents(collector.dbPath).map((e) => ({ name: e.name ?? e.type, nudgeId: (e.payload.properties as { nudgeId?: string } | undefined)?.nudgeId }));
  };

  beforeAll(async () => {
    // React's development build: StrictMode really mounts twice and double-runs effects.
    await buildReactExample({ development: true });
    collector = await startCollector();
    const server = createExamplesServer({ host: collector.url, writeKey: collector.writeKey });
    site = await new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
      }),
    );
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(String(e)));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await collector?.stop();
  });

  it('renders the checklist and the nudge from the hooks and moves them as steps are done', async () => {
    await open();
    expect(await text('progress-text')).toBe('0 / 4');
    expect(await text('status')).toMatch(/^new — /);
    await waitNudge('finish-setup');
    await page.click('[data-testid="do-project"]');
    await waitText('progress-text', '1 / 4');
    expect(await page.$eval('#fill', (el) => (el as HTMLElement).style.width)).toBe('25%');
    // The higher-priority nudge takes over once its segment holds (project done, no teammate invited).
    await waitNudge('invite-team');
    await page.click('[data-testid="nudge-dismiss"]');
    await waitNudge('finish-setup');
    expect(pageErrors).toEqual([]);
  });

  it('tracked exactly what the user did under StrictMode: one session_start, one impression per nudge shown', async () => {
    let events: Awaited<ReturnType<typeof stored>> = [];
    await expect
      .poll(async () => (events = await stored()).filter((e) => e.name === 'Nudge Dismissed').length, { timeout: WAIT_MS })
      .toBe(1);
    const count = (name: string, nudgeId?: string) => events.filter((e) => e.name === name && (nudgeId === undefined || e.nudgeId === nudgeId)).length;
    expect(count('session_start')).toBe(1);
    expect(count('Project Created')).toBe(1);
    expect(count('Nudge Shown', 'finish-setup')).toBe(1);
    expect(count('Nudge Shown', 'invite-team')).toBe(1);
    expect(count('Nudge Dismissed', 'invite-team')).toBe(1);
  });

  it('keeps progress and the dismissal across a reload (restored from IndexedDB)', async () => {
    await open();
    expect(await text('progress-text')).toBe('1 / 4');
    await waitNudge('finish-setup');
    expect(await nudgeId()).toBe('finish-setup');
    await page.click('[data-testid="nudge-go"]');
    await waitNudge(null);
    expect(pageErrors).toEqual([]);
  });
});
