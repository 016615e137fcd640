/** For drop-in tests: a page whose requests are watched (none may leave 127.0.0.1) and whose first ingest answer can be lost. */
import { createHmac } from 'node:crypto';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { waitFor } from './browser.js';
import type { StartedCollector } from './collector.js';

/** One POST the page sent to the collector, as the browser sent it. */
export interface SentRequest {
  path: string;
  /** The `messageId`s in the body (one for a single-event path, each of `batch` otherwise). */
  messageIds: string[];
  /** True when the collector stored it but the page was told 503 instead (see `loseFirstAnswer`). */
  answerLost: boolean;
}

export interface WatchedPage {
  page: Page;
  /** Every URL the page tried to reach outside 127.0.0.1 (each was aborted). */
  blocked: string[];
  /** Every POST to the collector, in order. */
  sent: SentRequest[];
  /** Errors thrown in the page. */
  pageErrors: string[];
}

export interface WatchOptions {
  collectorUrl: string;
  /**
   * The first POST whose path matches is forwarded to the collector, which stores it, and then answered 503, as when
   * the answer is lost on the way back: the library must send the same events again (same messageIds).
   */
  loseFirstAnswer?: RegExp;
}

/**
 * Opens a page in `context` with every request routed through the watch (none is changed except the lost answer).
 * Beacons sent while a page is being left escape the interception (Chromium sends them once the page is gone).
 */
export async function openWatchedPage(context: BrowserContext, options: WatchOptions): Promise<WatchedPage> {
  const watched: Omit<WatchedPage, 'page'> = { blocked: [], sent: [], pageErrors: [] };
  let toLose = options.loseFirstAnswer;
  await context.route('**/*', async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.hostname !== '127.0.0.1') {
      watched.blocked.push(request.url());
      return route.abort('blockedbyclient');
    }
    if (request.method() !== 'POST' || !request.url().startsWith(options.collectorUrl)) return route.continue();
    const entry: SentRequest = { path: url.pathname, messageIds: messageIdsOf(request.postData()), answerLost: false };
    watched.sent.push(entry);
    if (!toLose?.test(url.pathname)) return route.continue();
    toLose = undefined;
    entry.answerLost = true; // set first, so that a test waiting for the resend never sees this request as answered
    const stored = await route.fetch();
    if (stored.status() !== 200) {
      entry.answerLost = false; // not stored: nothing lost (the test sees no lost answer and fails on that)
      return route.fulfill({ response: stored });
    }
    const origin = request.headers().origin;
    return route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"unavailable"}',
      headers: origin ? { 'access-control-allow-origin': origin } : {} });
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => watched.pageErrors.push(String(e)));
  return { page, ...watched };
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

function messageIdsOf(body: string | null): string[] {
  try {
    const parsed = JSON.parse(body ?? '') as { batch?: Array<{ messageId?: string }>; messageId?: string };
    if (Array.isArray(parsed.batch)) return parsed.batch.map((e) => String(e.messageId));
    return parsed.messageId ? [parsed.messageId] : [];
  } catch {
    return [];
  }
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
