/** For drop-in tests: a browser that reaches only 127.0.0.1, the wire as a proxy saw it, the collector's answers. */
import { expect } from 'vitest';
import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { launchBrowser, waitFor, type Browser } from './browser.js';
import type { StartedCollector } from './collector.js';
import type { FaultProxy } from './fault-proxy.js';

/** One POST the page sent to the collector, as it reached the proxy in front of it. */
export interface SentRequest {
  path: string;
  /** The `messageId`s in the body (one for a single-event path, each of `batch` otherwise). */
  messageIds: string[];
  /** True when the collector got it but the page was answered 503 (the proxy's `lose-answer`). */
  answerLost: boolean;
}

/** The POSTs that went through `proxy`, in arrival order. */
export const sentThrough = (proxy: FaultProxy): SentRequest[] => proxy.requests.filter((r) => r.method === 'POST')
  .map((r) => ({ path: new URL(r.path, proxy.url).pathname, messageIds: r.messageIds, answerLost: r.answerLost === true }));

/**
 * Chromium that cannot reach any host but 127.0.0.1 (its resolver maps every other name to nothing). No request is
 * intercepted (Playwright would then answer every CORS preflight itself, and the collector's would go untested).
 */
export const launchLocalBrowser = (): Promise<Browser> => launchBrowser({ args: ['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'] });

export interface WatchedPage {
  page: Page;
  /** Every URL the page asked for outside 127.0.0.1 (none could be reached). */
  elsewhere: string[];
  /** Errors thrown in the page. */
  pageErrors: string[];
}

/** A new page whose requests to other hosts and errors are recorded. */
export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const page = await browser.context.newPage();
  const watched: WatchedPage = { page, elsewhere: [], pageErrors: [] };
  page.on('request', (r) => {
    if (new URL(r.url()).hostname !== '127.0.0.1') watched.elsewhere.push(r.url());
  });
  page.on('pageerror', (e) => watched.pageErrors.push(String(e)));
  return watched;
}

/**
 * Waits until `count` events are stored and the events of every lost answer went again; false after `timeoutMs`.
 * Then waits a little more, so that a late extra copy would be seen by the caller's checks.
 */
export async function waitForDelivery(sent: () => SentRequest[], storedCount: () => Promise<number>, count: number, timeoutMs = 20_000): Promise<boolean> {
  const resent = (lost: SentRequest) => lost.messageIds.every((id) => sent().filter((r) => r.messageIds.includes(id)).length >= 2);
  const done = await waitFor(async () => (await storedCount()) >= count && sent().every((r) => !r.answerLost || resent(r)), timeoutMs);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return done;
}

/** What the app's backend gives the page for identity verification: hex HMAC-SHA256(secret key, userId). */
export const userHashOf = (secretKey: string, userId: string): string => createHmac('sha256', secretKey).update(userId).digest('hex');

/** The user's stored events through the admin export (secret key), in storage order. */
export async function exportedEvents(collector: StartedCollector, userId: string): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${collector.url}/v1/admin/users/${encodeURIComponent(userId)}/export`, {
    headers: { authorization: `Basic ${btoa(`${collector.secretKey}:`)}` },
  });
  if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
  return (await res.text()).trim().split('\n').map((line) => JSON.parse(line) as { type: string; event?: Record<string, unknown> })
    .filter((line) => line.type === 'event').map((line) => line.event!);
}

/** `GET /v1/status` as a browser would read it (write key in the query), status code and body. */
export async function readStatus(collector: StartedCollector, query: Record<string, string>): Promise<{ code: number; body: StatusBody }> {
  const params = new URLSearchParams({ ...query, writeKey: collector.writeKey });
  const res = await fetch(`${collector.url}/v1/status?${params}`);
  return { code: res.status, body: (await res.json()) as StatusBody };
}

export interface StatusBody {
  status?: { status: string };
  facts?: { src: Record<string, { c: Record<string, number> }>; names: Record<string, unknown> };
}

/** The number of events a status answer's facts count, over every source. */
export const eventsCounted = (body: StatusBody): number =>
  Object.values(body.facts?.src ?? {}).reduce((n, s) => n + (s.c.events ?? 0), 0);

/**
 * The user's status, read as the app would after a library sent `calls` events: by anonymousId (open), by userId
 * refused without the backend's userHash and answered with it, counting every event once.
 */
export async function expectStatusReadable(collector: StartedCollector, who: { anonymousId: string; userId: string }, calls: number): Promise<void> {
  expect((await readStatus(collector, { anonymousId: who.anonymousId })).code).toBe(200);
  expect([401, 403]).toContain((await readStatus(collector, { userId: who.userId })).code);
  const byUser = await readStatus(collector, { userId: who.userId, userHash: userHashOf(collector.secretKey, who.userId) });
  expect(byUser.code).toBe(200);
  expect(eventsCounted(byUser.body)).toBe(calls);
  expect(byUser.body.status?.status).toBe('new');
}
