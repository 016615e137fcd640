import { countOf, type Facts } from '@waymark/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, createFixture, exportedEvents, iso, NOW_MS, WRITE_KEY, type Fixture } from '../app.fixture.js';
import { BATCH_PATHS, SINGLE_EVENT_PATHS } from '../ingest/ingest-paths.js';

/** The paths and bodies of Segment's and RudderStack's browser libraries, through the one ingest handler. */
describe.each(ADAPTERS)('drop-in ingest paths (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());
  const plain = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    f.app.request(path, { method: 'POST', headers: { 'content-type': 'text/plain', ...headers }, body: JSON.stringify(body) });
  const factsOf = async (query: string) => ((await (await f.get(`/v1/status?${query}`)).json()) as { facts: Facts }).facts;

  it('stores an analytics-next event posted to each one-letter path (text/plain, writeKey in the body, _metadata), once across retries', async () => {
    f = await createFixture(adapter);
    const events: Record<string, Record<string, unknown>> = {
      '/v1/t': { event: 'Clicked', properties: { a: 1 } },
      '/v1/p': { name: 'Home', properties: { path: '/' } },
      '/v1/s': { name: 'Main' },
      '/v1/i': { userId: 'u1', traits: { plan: 'pro' } },
      '/v1/g': { userId: 'u1', groupId: 'acme' },
      '/v1/a': { userId: 'u1', previousId: 'old-1' },
    };
    for (const [path, fields] of Object.entries(events)) {
      const body = { anonymousId: 'anon-s', userId: null, messageId: `ajs-${path}`, timestamp: iso(NOW_MS - 500), sentAt: iso(NOW_MS - 400),
        writeKey: WRITE_KEY, integrations: {}, _metadata: { bundled: ['Segment.io'], unbundled: [], bundledIds: [] }, context: { library: { name: 'analytics.js', version: 'next-1.84.3' } }, ...fields };
      const first = await plain(path, body);
      expect(await first.json(), path).toEqual({ accepted: 1, duplicates: [], rejected: [] });
      // analytics-next retries with the same messageId and `_metadata.retryCount` (normalize.ts)
      const retry = await plain(path, { ...body, _metadata: { ...body._metadata, retryCount: 2 } });
      expect(await retry.json(), path).toEqual({ accepted: 0, duplicates: [`ajs-${path}`], rejected: [] });
    }
    const stored = await exportedEvents(f, 'u1');
    expect(stored.map((e) => [e.type, e.messageId]).sort()).toEqual(Object.entries(SINGLE_EVENT_PATHS).filter(([p]) => p.length === 5)
      .map(([p, type]) => [type, `ajs-${p}`]).sort());
    expect(stored.find((e) => e.type === 'track')).toMatchObject({ _metadata: { bundled: ['Segment.io'] }, originalTimestamp: iso(NOW_MS - 500) });
  });

  it('stores a /v1/b batch (the batching delivery strategy) and says which event was rejected', async () => {
    f = await createFixture(adapter);
    const ev = (id: string, extra: Record<string, unknown> = {}) =>
      ({ type: 'track', event: 'E', anonymousId: 'anon-b', userId: 'u-b', messageId: id, timestamp: iso(NOW_MS - 100), writeKey: WRITE_KEY, _metadata: { bundled: [] }, ...extra });
    const res = await plain('/v1/b', { writeKey: WRITE_KEY, sentAt: iso(NOW_MS), batch: [ev('b1'), ev('b2', { event: '' }), ev('b3')] });
    expect(await res.json()).toEqual({ accepted: 2, duplicates: [], rejected: [{ index: 1, messageId: 'b2', reason: 'event: must not be empty' }] });
    const stored = await exportedEvents(f, 'u-b');
    expect(stored.map((e) => e.messageId)).toEqual(['b1', 'b3']);
    expect(stored[0]).not.toHaveProperty('writeKey'); // the request's credential, not event data
    expect(stored[0]).toMatchObject({ _metadata: { bundled: [] } });
  });

  it('reads RudderStack\'s events: empty userId, originalTimestamp, numeric sessionId, identify traits in context', async () => {
    f = await createFixture(adapter);
    await f.admin('PUT', '/v1/admin/config', undefined, { statusTraits: ['plan'] });
    const rs = (type: string, id: string, extra: Record<string, unknown>) => ({ type, channel: 'web', messageId: id, anonymousId: 'anon-r', userId: '',
      originalTimestamp: iso(NOW_MS - 60_000), sentAt: iso(NOW_MS - 59_000), integrations: { All: true }, context: { sessionId: 1796569511694, traits: {} }, ...extra });
    const headers = { 'content-type': 'application/json;charset=UTF-8', AnonymousId: btoa('anon-r'), SentAt: iso(NOW_MS) };
    expect((await f.post('/v1/page', rs('page', 'r1', { name: 'Home' }), { headers })).status).toBe(200);
    expect((await f.post('/v1/track', rs('track', 'r2', { event: 'Clicked' }), { headers })).status).toBe(200);
    const identify = rs('identify', 'r3', { userId: 'u-r', context: { sessionId: 1796569511694, traits: { plan: 'pro' } } });
    expect(await (await f.post('/v1/batch', { batch: [identify], sentAt: iso(NOW_MS - 60_000) }, { headers })).json()).toMatchObject({ accepted: 1 });
    const facts = await factsOf('anonymousId=anon-r');
    expect(countOf(facts, 'events')).toBe(3);
    expect(countOf(facts, 'sessions')).toBe(1);
    expect(facts.traits.plan?.[0]).toBe('pro');
    const [page] = await exportedEvents(f, 'u-r');
    // the device clock ran a minute behind: stored at receipt minus (sentAt - originalTimestamp), the original kept
    expect(page).toMatchObject({ messageId: 'r1', originalTimestamp: iso(NOW_MS - 60_000), timestamp: iso(NOW_MS - 1000) });
    expect(page).not.toHaveProperty('userId');
  });

  it('takes the write key from the query string on /beacon/v1/batch (sendBeacon sets no header)', async () => {
    f = await createFixture(adapter);
    const batch = [{ type: 'track', event: 'E', anonymousId: 'anon-k', messageId: 'k1', originalTimestamp: iso(NOW_MS) }];
    const ok = await f.app.request(`/beacon/v1/batch?writeKey=${WRITE_KEY}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ batch, sentAt: iso(NOW_MS) }) });
    expect(await ok.json()).toEqual({ accepted: 1, duplicates: [], rejected: [] });
    const wrong = await f.app.request('/beacon/v1/batch?writeKey=nope', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ batch }) });
    expect(wrong.status).toBe(401);
    const none = await f.app.request('/beacon/v1/batch', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ batch }) });
    expect(none.status).toBe(401);
  });

  it('answers analytics-next\'s telemetry on /v1/m with 204 and stores nothing', async () => {
    f = await createFixture(adapter);
    const res = await plain('/v1/m', { series: [{ type: 'Counter', metric: 'analytics_js.invoke.track', value: 1, tags: {} }] });
    expect(res.status).toBe(204);
    expect(await exportedEvents(f, 'anon-1')).toEqual([]);
  });

  it('lets a browser send RudderStack\'s headers, retries included, on every batch path and refuses other origins', async () => {
    f = await createFixture(adapter, {}, { corsOrigins: ['https://shop.example'] });
    const requested = 'authorization, content-type, anonymousid, sentat, rsa-retry-attempt, rsa-since-last-attempt, rsa-since-first-attempt, rsa-retry-reason, rsa-recovered, x-retry-count';
    for (const path of [...BATCH_PATHS, '/v1/track', '/v1/t']) {
      const pre = await f.app.request(path, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': requested } });
      expect(pre.status, path).toBe(204);
      const allowed = (pre.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
      for (const h of requested.split(', ')) expect(allowed, `${path} ${h}`).toContain(h);
      const evil = await f.app.request(path, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(evil.status, path).toBe(403);
    }
    const posted = await f.app.request(`/beacon/v1/batch?writeKey=${WRITE_KEY}`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ batch: [{ type: 'track', event: 'E', anonymousId: 'a', messageId: 'e1' }] }) });
    expect(posted.status).toBe(403);
  });
});
