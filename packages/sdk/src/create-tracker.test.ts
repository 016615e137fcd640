// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import type { WireEvent } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { createIdbStorage } from './adapters/idb-storage.js';
import { createTracker } from './create-tracker.js';
import type { WaymarkError } from './errors.js';
import { fakePorts, settle, sharedState } from './fake-ports.js';
import type { EventStore } from './ports.js';

const base = { writeKey: 'wk_test', host: 'https://collector.test/' };
const names = (events: WireEvent[]) => events.map((e) => e.event ?? e.type);

describe('createTracker: the envelope', () => {
  it('sends Segment-style events with identity, session, sequence and page context', async () => {
    const f = fakePorts();
    const t = createTracker(base, f.ports);
    t.track('Signed Up', { plan: 'pro' });
    t.page('Pricing');
    await t.flush();
    expect(f.sent).toHaveLength(1);
    const { url, body } = f.sent[0]!;
    expect(url).toBe('https://collector.test/v1/batch');
    expect(body.writeKey).toBe('wk_test');
    expect(typeof body.sentAt).toBe('string');
    const [start, signup, page] = body.batch;
    expect(names(body.batch)).toEqual(['session_start', 'Signed Up', 'page']);
    expect(start!.properties).toEqual({ sessionCount: 1 });
    expect(signup).toMatchObject({ type: 'track', event: 'Signed Up', properties: { plan: 'pro' }, timestamp: '2026-01-01T12:00:00.000Z' });
    expect(page).toMatchObject({ type: 'page', name: 'Pricing' });
    const anonymousId = t.user().anonymousId;
    for (const e of body.batch) {
      expect(e.anonymousId).toBe(anonymousId);
      expect(e.context).toMatchObject({
        sessionId: start!.context!.sessionId,
        streamId: expect.any(String),
        library: { name: '@waymark/sdk', version: expect.any(String) },
        page: { path: '/home', url: 'https://app.test/home', title: 'Home' },
        locale: 'en-GB',
        timezone: 'Europe/Paris',
      });
    }
    expect(body.batch.map((e) => e.context!.seq)).toEqual([1, 2, 3]);
    expect(new Set(body.batch.map((e) => e.messageId)).size).toBe(3);
  });

  it('keeps a caller-supplied messageId and timestamp', async () => {
    const f = fakePorts();
    const t = createTracker(base, f.ports);
    t.track('Order Completed', { total: 5 }, { messageId: 'order-42', timestamp: '2025-12-31T23:00:00.000Z' });
    await t.flush();
    expect(f.delivered().find((e) => e.event === 'Order Completed')).toMatchObject({
      messageId: 'order-42',
      timestamp: '2025-12-31T23:00:00.000Z',
    });
  });

  it('identify keeps the user id across reloads; reset forgets the user but not the device stream', async () => {
    const shared = sharedState();
    const f = fakePorts({ state: shared.tab() });
    const t = createTracker(base, f.ports);
    t.identify('user-1', { email: 'a@b.c' });
    const again = createTracker(base, fakePorts({ state: shared.tab() }).ports);
    expect(again.user()).toEqual({ anonymousId: t.user().anonymousId, userId: 'user-1' });
    const { anonymousId } = t.user();
    t.reset();
    t.track('After Reset');
    await t.flush();
    const [identify, afterReset] = f.delivered().filter((e) => e.type === 'identify' || e.event === 'After Reset');
    expect(identify).toMatchObject({ userId: 'user-1', traits: { email: 'a@b.c' } });
    expect(afterReset!.userId).toBeUndefined();
    expect(afterReset!.anonymousId).not.toBe(anonymousId);
    expect(afterReset!.context!.streamId).toBe(identify!.context!.streamId);
  });

  it('alias links the previous id and group sends traits', async () => {
    const f = fakePorts();
    const t = createTracker(base, f.ports);
    const { anonymousId } = t.user();
    t.alias('user-9');
    t.group('acme', { plan: 'team' });
    await t.flush();
    const [alias, group] = f.delivered().filter((e) => e.type === 'alias' || e.type === 'group');
    expect(alias).toMatchObject({ userId: 'user-9', previousId: anonymousId });
    expect(group).toMatchObject({ groupId: 'acme', traits: { plan: 'team' }, userId: 'user-9' });
  });

  it('never throws into the app: bad calls and unserialisable properties are reported', async () => {
    const f = fakePorts();
    const t = createTracker(base, f.ports);
    const errors: WaymarkError[] = [];
    t.on('error', (e) => errors.push(e));
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => t.track('')).not.toThrow();
    expect(() => t.track('Circular', circular as never)).not.toThrow();
    t.track('Fine');
    await t.flush();
    expect(errors.map((e) => e.code)).toEqual(['usage', 'usage']);
    expect(names(f.delivered())).toEqual(['session_start', 'Fine']);
  });
});

describe('createTracker: the durable queue', () => {
  it('writes everything tracked in one task in a single store write, before any timer runs', async () => {
    const f = fakePorts();
    const store = createSpyStore();
    f.ports.openStorage = () => ({ events: store, kv: createIdbStorage('unused').kv });
    const t = createTracker(base, f.ports);
    await settle();
    for (let i = 0; i < 10; i++) t.track(`e${i}`);
    await Promise.resolve();
    await settle(1);
    expect(store.adds).toEqual([11]);
    expect(f.sent).toEqual([]);
    void t;
  });

  it('survives a reload: events written to IndexedDB are sent by the next page', async () => {
    const name = `reload-${Math.random()}`;
    const down = fakePorts({ respond: () => Promise.reject(new TypeError('Failed to fetch')) });
    down.ports.openStorage = () => createIdbStorage(name);
    const first = createTracker(base, down.ports);
    for (let i = 0; i < 5; i++) first.track(`e${i}`);
    await first.flush();
    const up = fakePorts();
    up.ports.openStorage = () => createIdbStorage(name);
    const second = createTracker(base, up.ports);
    await second.ready();
    await second.flush();
    expect(names(up.delivered())).toEqual(['session_start', 'e0', 'e1', 'e2', 'e3', 'e4']);
    // The retries carried the same ids as the failed attempt.
    expect(up.delivered().map((e) => e.messageId)).toEqual(down.sent[0]!.body.batch.map((e) => e.messageId));
  });

  it('sends a full batch at once and the rest at the flush interval', async () => {
    const f = fakePorts();
    const t = createTracker({ ...base, maxBatchEvents: 5, flushIntervalMs: 10_000 }, f.ports);
    await f.advance(1);
    for (let i = 0; i < 4; i++) t.track(`e${i}`);
    await settle();
    expect(f.sent.map((r) => r.body.batch.length)).toEqual([5]);
    t.track('late');
    await settle();
    expect(f.sent).toHaveLength(1);
    await f.advance(10_000);
    expect(f.sent.map((r) => r.body.batch.length)).toEqual([5, 1]);
  });

  it('retries network errors and 5xx with growing delays, then delivers once', async () => {
    const f = fakePorts({ respond: () => ({ status: 503 }) });
    const t = createTracker({ ...base, minRetryDelayMs: 1_000, maxRetryDelayMs: 8_000 }, f.ports);
    const errors: WaymarkError[] = [];
    t.on('error', (e) => errors.push(e));
    t.track('x');
    await t.flush();
    for (const wait of [750, 1_500, 3_000, 6_000]) await f.advance(wait);
    expect(f.sent).toHaveLength(5);
    f.respondWith(() => ({ status: 200, body: { accepted: 2, duplicates: [], rejected: [] } }));
    await f.advance(6_000);
    expect(f.sent).toHaveLength(6);
    await f.advance(60_000);
    expect(f.sent).toHaveLength(6);
    expect(new Set(f.sent.map((r) => JSON.stringify(r.body.batch.map((e) => e.messageId)))).size).toBe(1);
    expect(errors.every((e) => e.code === 'delivery')).toBe(true);
  });

  it('honours Retry-After, in every tab', async () => {
    const shared = sharedState();
    const f = fakePorts({ state: shared.tab(), respond: () => ({ status: 429, retryAfterMs: 30_000 }) });
    const t = createTracker(base, f.ports);
    t.track('x');
    await t.flush();
    f.respondWith(() => ({ status: 200 }));
    await t.flush();
    await f.advance(29_000);
    const other = fakePorts({ state: shared.tab() });
    const tab2 = createTracker(base, other.ports);
    await tab2.flush();
    expect(f.sent).toHaveLength(1);
    expect(other.sent).toHaveLength(0);
    await f.advance(1_001);
    expect(f.sent).toHaveLength(2);
  });

  it('drops only the events the collector rejected, and reports them', async () => {
    const f = fakePorts({
      respond: (r) => ({ status: 200, body: { accepted: 2, duplicates: [], rejected: [{ index: 1, reason: 'properties too deep' }] } }),
    });
    const t = createTracker(base, f.ports);
    const errors: WaymarkError[] = [];
    const delivered: string[][] = [];
    t.on('error', (e) => errors.push(e));
    t.on('delivered', (d) => delivered.push(d.messageIds));
    t.track('bad');
    t.track('good');
    await t.flush();
    await t.flush();
    expect(f.sent).toHaveLength(1);
    const [start, bad, good] = f.sent[0]!.body.batch;
    expect(errors).toMatchObject([{ code: 'rejected', messageIds: [bad!.messageId] }]);
    expect(delivered).toEqual([[start!.messageId, good!.messageId]]);
  });

  it('isolates an event a 400 refuses without saying which, by halving the batch', async () => {
    const f = fakePorts({
      respond: (r) => (r.body.batch.some((e) => e.event === 'poison') ? { status: 400 } : { status: 200 }),
    });
    const t = createTracker(base, f.ports);
    const errors: WaymarkError[] = [];
    t.on('error', (e) => errors.push(e));
    for (const name of ['a', 'b', 'poison', 'c', 'd']) t.track(name);
    await t.flush();
    const stored = f.sent.filter((r, i) => i >= 0).flatMap((r) => (r.body.batch.some((e) => e.event === 'poison') ? [] : r.body.batch));
    expect(names(stored).sort()).toEqual(['a', 'b', 'c', 'd', 'session_start']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'rejected' });
  });

  it('drops the oldest events beyond the caps and tells the collector how many in the next batch', async () => {
    const f = fakePorts({ respond: () => Promise.reject(new TypeError('offline')) });
    const t = createTracker({ ...base, maxQueueEvents: 5, maxBatchEvents: 100 }, f.ports);
    const dropped: string[] = [];
    t.on('error', (e) => e.code === 'dropped' && dropped.push(...e.messageIds));
    for (let i = 0; i < 8; i++) t.track(`e${i}`);
    await settle();
    f.respondWith(() => ({ status: 200 }));
    await t.flush();
    const batch = f.sent.at(-1)!.body.batch;
    expect(names(batch)).toEqual(['e3', 'e4', 'e5', 'e6', 'e7']);
    expect(batch[0]!.context!.droppedEvents).toBe(4);
    expect(dropped).toHaveLength(4);
    t.track('next');
    await t.flush();
    expect(f.sent.at(-1)!.body.batch[0]!.context!.droppedEvents).toBeUndefined();
  });

  it('gives up on events older than maxEventAgeMs', async () => {
    const f = fakePorts({ respond: () => ({ status: 500 }) });
    const t = createTracker({ ...base, maxEventAgeMs: 60_000, maxRetryDelayMs: 10_000 }, f.ports);
    const errors: WaymarkError[] = [];
    t.on('error', (e) => errors.push(e));
    t.track('stale');
    await t.flush();
    await f.advance(61_000);
    const attempts = f.sent.length;
    f.respondWith(() => ({ status: 200 }));
    await f.advance(20_000);
    expect(f.sent).toHaveLength(attempts);
    expect(errors.filter((e) => e.code === 'dropped').flatMap((e) => e.messageIds)).toHaveLength(2);
  });

  it('moves to memory when IndexedDB fails, reports it once, and still delivers', async () => {
    const f = fakePorts();
    const broken = new Proxy({} as EventStore, { get: () => () => Promise.reject(new DOMException('full', 'QuotaExceededError')) });
    f.ports.openStorage = () => ({ events: broken, kv: broken as never });
    const t = createTracker(base, f.ports);
    const errors: WaymarkError[] = [];
    t.on('error', (e) => errors.push(e));
    t.track('a');
    t.track('b');
    await t.flush();
    expect(names(f.delivered())).toEqual(['session_start', 'a', 'b']);
    expect(errors.map((e) => e.code)).toEqual(['storage']);
  });

  it('sends one keepalive request when the page is hidden, and not again when hidden again', async () => {
    const f = fakePorts({ respond: () => new Promise(() => undefined) });
    const t = createTracker({ ...base, flushIntervalMs: 60_000 }, f.ports);
    await f.advance(1);
    t.track('last click');
    f.hide();
    f.hide();
    await settle();
    expect(f.sent).toHaveLength(1);
    expect(f.sent[0]!.keepalive).toBe(true);
    expect(names(f.sent[0]!.body.batch)).toEqual(['session_start', 'last click']);
  });

  it('does not send again what a keepalive request is still carrying when the page comes back', async () => {
    let answer!: (r: { status: number }) => void;
    const f = fakePorts({ respond: () => new Promise((resolve) => (answer = resolve)) });
    const t = createTracker({ ...base, flushIntervalMs: 60_000 }, f.ports);
    await f.advance(1);
    t.track('hidden');
    f.hide();
    await settle();
    f.resume();
    await t.flush();
    expect(f.sent).toHaveLength(1);
    answer({ status: 200 });
    await settle();
    await t.flush();
    expect(f.sent).toHaveLength(1);
  });

  it('removes what the keepalive request delivered when the page survives', async () => {
    const f = fakePorts();
    const t = createTracker({ ...base, flushIntervalMs: 60_000 }, f.ports);
    await f.advance(1);
    t.track('tab switch');
    f.hide();
    await settle();
    await t.flush();
    expect(f.sent).toHaveLength(1);
  });
});

describe('createTracker: consent', () => {
  it('holds events in memory while consent is pending: nothing stored, nothing sent', async () => {
    const shared = sharedState();
    const f = fakePorts({ state: shared.tab() });
    let opened = 0;
    const open = f.ports.openStorage;
    f.ports.openStorage = () => (opened++, open());
    const t = createTracker({ ...base, consent: 'pending' }, f.ports);
    const seen: string[] = [];
    t.on('event', (e) => seen.push(e.event ?? e.type));
    t.track('before consent');
    await t.flush();
    f.hide();
    await f.advance(60_000);
    expect(f.sent).toEqual([]);
    expect(shared.data.size).toBe(0);
    expect(opened).toBe(0);
    expect(seen).toEqual(['session_start', 'before consent']);
    expect(t.consent()).toBe('pending');
    await f.advance(5 * 60_000);
    t.optIn();
    await t.flush();
    const [, held] = f.delivered();
    // Tracked at 12:00, consent given at 12:06: the event keeps its own time.
    expect(held).toMatchObject({ event: 'before consent', timestamp: '2026-01-01T12:00:00.000Z' });
    expect(f.sent[0]!.body.sentAt).toBe('2026-01-01T12:06:00.000Z');
    expect(shared.data.get('waymark:consent')).toBe('granted');
    expect(shared.data.has('waymark:user')).toBe(true);
  });

  it('optOut deletes what is held and queued, stops tracking, and is remembered', async () => {
    const shared = sharedState();
    const f = fakePorts({ state: shared.tab(), respond: () => ({ status: 503 }) });
    const t = createTracker(base, f.ports);
    t.track('queued');
    await t.flush();
    t.optOut();
    const seen: WireEvent[] = [];
    t.on('event', (e) => seen.push(e));
    t.track('after');
    f.respondWith(() => ({ status: 200 }));
    await t.flush();
    await f.advance(120_000);
    expect(f.sent.slice(1)).toEqual([]);
    expect(seen).toEqual([]);
    const later = createTracker(base, fakePorts({ state: shared.tab() }).ports);
    expect(later.consent()).toBe('denied');
    expect(shared.data.has('waymark:user')).toBe(false);
  });
});

describe('createTracker: sessions', () => {
  it('starts a new session after 30 minutes idle and counts sessions across reloads', async () => {
    const shared = sharedState();
    const f = fakePorts({ state: shared.tab() });
    const t = createTracker(base, f.ports);
    t.track('a');
    await f.advance(29 * 60_000);
    t.track('b');
    await f.advance(31 * 60_000);
    t.track('c');
    const reloaded = createTracker(base, fakePorts({ state: shared.tab(), startMs: Date.UTC(2026, 0, 1, 20) }).ports);
    reloaded.newSession();
    await t.flush();
    const events = f.delivered();
    expect(names(events)).toEqual(['session_start', 'a', 'b', 'session_start', 'c']);
    expect(events[1]!.context!.sessionId).toBe(events[2]!.context!.sessionId);
    expect(events[4]!.context!.sessionId).not.toBe(events[2]!.context!.sessionId);
    expect(events[3]!.properties).toEqual({ sessionCount: 2 });
    expect(JSON.parse(shared.data.get('waymark:session')!).count).toBe(3);
  });

  it('shares one session between the tabs of the origin', async () => {
    const shared = sharedState();
    const a = fakePorts({ state: shared.tab() });
    const b = fakePorts({ state: shared.tab() });
    const tabA = createTracker(base, a.ports);
    tabA.track('in A');
    const tabB = createTracker(base, b.ports);
    tabB.track('in B');
    await tabA.flush();
    await tabB.flush();
    const [fromA, fromB] = [a.delivered().at(-1)!, b.delivered().at(-1)!];
    expect(fromB.context!.sessionId).toBe(fromA.context!.sessionId);
    expect(names(b.delivered())).toEqual(['in B']);
  });
});

describe('createTracker: single-page apps', () => {
  it('tracks one page view per URL change through the History API', async () => {
    const f = fakePorts();
    const t = createTracker({ ...base, autoPageViews: true }, f.ports);
    f.navigate();
    f.page.path = '/settings';
    f.navigate();
    f.navigate();
    f.page.search = '?tab=billing';
    f.navigate();
    f.page.path = '/manual';
    f.page.search = '';
    t.page('Manual');
    f.navigate();
    await t.flush();
    const pages = f.delivered().filter((e) => e.type === 'page');
    expect(pages.map((e) => `${e.context!.page!.path}${e.context!.page!.search}`)).toEqual([
      '/home',
      '/settings',
      '/settings?tab=billing',
      '/manual',
    ]);
  });
});

/** A memory store that records how many events each `add` carried. */
function createSpyStore(): EventStore & { adds: number[] } {
  const events = new Map<string, import('./ports.js').StoredEvent>();
  const adds: number[] = [];
  return {
    adds,
    add: async (list) => void (adds.push(list.length), list.forEach((e) => events.set(e.id, e))),
    oldest: async (limit) => [...events.values()].slice(0, limit),
    remove: async (ids) => ids.forEach((id) => events.delete(id)),
    stats: async () => ({ count: events.size, bytes: 0, dropped: 0 }),
    clear: async () => events.clear(),
  };
}
