// The tracking plan enforced by the real collector CLI on events from the real SDK in Chromium: a violating event is
// rejected with its reason (reported to the app, dropped from the queue, never retried), the conforming ones are
// stored, the violation is counted per event name; with `onViolation: 'flag'` it is stored flagged instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './support/browser.js';
import { queryEvents, startCollector, type StartedCollector } from './support/collector.js';
import { startStaticServer, trackerPage, type StaticServer } from './support/static-server.js';

const WAIT_MS = 45_000;
const plan = {
  events: {
    'Signed Up': { properties: { plan: { type: 'string', required: true, values: ['free', 'pro'] } } },
    'Project Created': {},
  },
};

describe('tracking plan, end to end', () => {
  let collector: StartedCollector;
  let site: StaticServer;
  let browser: Browser;
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${collector.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${collector.secretKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    collector = await startCollector();
    site = await startStaticServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await collector?.stop();
  });

  /** Opens a page that tracks `calls` (name, properties), flushes, and returns the SDK's error codes and messages. */
  async function trackFromBrowser(path: string, calls: [string, Record<string, unknown>][]) {
    const options = { writeKey: collector.writeKey, host: collector.url, flushIntervalMs: 3_600_000, remoteConfig: false };
    site.setPage(path, trackerPage(options, `window.waymarkMessages = []; waymark.on('error', function (e) { waymarkMessages.push(e.message); });`));
    const page = await browser.context.newPage();
    await page.goto(`${site.url}${path}`);
    await page.evaluate(async (list) => {
      const w = (window as unknown as { waymark: { track(n: string, p: object): void; ready(): Promise<void>; flush(): Promise<void> } }).waymark;
      await w.ready();
      for (const [name, properties] of list) w.track(name, properties);
      await w.flush();
    }, calls);
    const result = await page.evaluate(() => ({
      codes: (window as unknown as { waymarkErrors: string[] }).waymarkErrors,
      messages: (window as unknown as { waymarkMessages: string[] }).waymarkMessages,
    }));
    return { page, ...result };
  }

  it('rejects a violating event with its reason; the SDK reports it and drops it; the rest is stored and the violation counted', async () => {
    expect((await admin('PUT', '/v1/admin/config', { plan })).status).toBe(200);
    const { page, codes, messages } = await trackFromBrowser('/reject.html', [
      ['Signed Up', { plan: 'pro' }],
      ['Signed Up', { plan: 'gold' }],
      ['Project Created', {}],
    ]);
    expect(codes).toEqual(['rejected']);
    expect(messages[0]).toContain('tracking plan: property \\"plan\\" must be one of \\"free\\", \\"pro\\"');
    const names = queryEvents(collector.dbPath).map((e) => `${e.name ?? e.type}${e.name === 'Signed Up' ? `:${(e.payload.properties as { plan: string }).plan}` : ''}`);
    expect(names.filter((n) => n !== 'session_start').sort()).toEqual(['Project Created', 'Signed Up:pro']);
    // Dropped from the queue: a later flush sends nothing more and reports nothing more.
    await page.evaluate(() => (window as unknown as { waymark: { flush(): Promise<void> } }).waymark.flush());
    expect(await page.evaluate(() => (window as unknown as { waymarkErrors: string[] }).waymarkErrors)).toEqual(['rejected']);
    const violations = (await (await admin('GET', '/v1/admin/plan/violations')).json()) as { violations: Array<{ event: string; rejected: number }> };
    expect(violations.violations).toMatchObject([{ event: 'Signed Up', rejected: 1, flagged: 0 }]);
    const metrics = await (await fetch(`${collector.url}/metrics`)).text();
    expect(metrics).toMatch(/waymark_plan_violations_total\{project="[^"]+",event="Signed Up",action="rejected"\} 1/);
    await page.close();
  });

  it('stores a violating event flagged when the plan says flag', async () => {
    expect((await admin('PUT', '/v1/admin/config', { plan: { ...plan, onViolation: 'flag' } })).status).toBe(200);
    const { page, codes } = await trackFromBrowser('/flag.html', [['Deployed', { env: 'prod' }]]);
    expect(codes).toEqual([]);
    await expect.poll(() => queryEvents(collector.dbPath).find((e) => e.name === 'Deployed')?.payload.planViolations, { timeout: WAIT_MS })
      .toEqual(['event "Deployed" is not in the tracking plan']);
    await page.close();
  });
});
