// The SDK in real Chromium against the Worker collector in workerd: the example's bundle as `wrangler deploy
// --dry-run` builds it, served by Miniflare on a free port; events are stored once and the status read comes back.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './support/browser.js';
import { startStaticServer, trackerPage, type StaticServer } from './support/static-server.js';

const EXAMPLE = fileURLToPath(new URL('../examples/worker-collector/', import.meta.url));
const WRITE_KEY = 'wk_edge_e2e';
const SECRET_KEY = 'sk_edge_e2e';
const WAIT_MS = 30_000;
const basic = (key: string) => `Basic ${btoa(`${key}:`)}`;

describe('SDK → Worker collector (workerd), end to end', () => {
  let out: string;
  let site: StaticServer;
  let mf: Miniflare;
  let host: string;
  let browser: Browser;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'waymark-worker-'));
    execFileSync(join(EXAMPLE, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], {
      cwd: EXAMPLE, stdio: 'pipe', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    });
    site = await startStaticServer();
    mf = new Miniflare({
      modules: true, scriptPath: join(out, 'index.js'), modulesRoot: out, compatibilityDate: '2026-04-01', host: '127.0.0.1', port: 0,
      durableObjects: { WAYMARK_COLLECTOR: { className: 'WaymarkCollector', useSQLite: true } },
      bindings: { WAYMARK_WRITE_KEY: WRITE_KEY, WAYMARK_SECRET_KEY: SECRET_KEY, WAYMARK_CORS_ORIGINS: site.url },
    });
    host = (await mf.ready).origin;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await mf?.dispose();
    await site?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('delivers the page\'s events once and reads back a status that includes another device\'s events', async () => {
    // Another device of the same user has already created a project (step 1 of the checklist).
    const other = await fetch(`${host}/v1/batch`, { method: 'POST', headers: { authorization: basic(WRITE_KEY), 'content-type': 'application/json' },
      body: JSON.stringify({ batch: [{ type: 'track', event: 'Project Created', messageId: 'other-device-1', userId: 'amy', timestamp: new Date().toISOString() }] }) });
    expect(other.status).toBe(200);

    const userHash = createHmac('sha256', SECRET_KEY).update('amy').digest('hex');
    site.setPage('/edge.html', trackerPage({
      writeKey: WRITE_KEY, host, flushIntervalMs: 200, minRetryDelayMs: 200,
      checklists: [{ id: 'setup', steps: [{ id: 'project', event: 'Project Created' }, { id: 'invite', event: 'Teammate Invited' }] }],
    }, `waymark.identify('amy', { plan: 'pro' }, { userHash: ${JSON.stringify(userHash)} }); waymark.track('Teammate Invited');`));
    const page: Page = await browser.context.newPage();
    await page.goto(`${site.url}/edge.html`);
    await page.evaluate(() => (window as unknown as { waymark: { flush(): Promise<void> } }).waymark.flush());
    await page.waitForFunction(() => (window as unknown as { waymarkDelivered: string[] }).waymarkDelivered.length >= 3, undefined, { timeout: WAIT_MS });

    // The snapshot from the Worker joins the other device's step with this page's.
    await page.evaluate(() => (window as unknown as { waymark: { sync(): Promise<void> } }).waymark.sync());
    const progress = await page.evaluate(() => (window as unknown as { waymark: { onboarding(id: string): { done: number; total: number } } }).waymark.onboarding('setup'));
    expect(progress).toMatchObject({ done: 2, total: 2 });
    expect(await page.evaluate(() => (window as unknown as { waymarkErrors: string[] }).waymarkErrors)).toEqual([]);

    // Stored once each in the Worker's Durable Object: the other device's event and the page's session start, identify and track.
    const exported = await (await fetch(`${host}/v1/admin/users/amy/export`, { headers: { authorization: basic(SECRET_KEY) } })).text();
    const events = exported.trim().split('\n').map((l) => JSON.parse(l) as { type: string; event?: { messageId: string; type: string; event?: string } })
      .filter((l) => l.type === 'event').map((l) => l.event!);
    expect(events.map((e) => e.event ?? e.type).sort()).toEqual(['Project Created', 'Teammate Invited', 'identify', 'session_start']);
    expect(new Set(events.map((e) => e.messageId)).size).toBe(4);
  });
});
