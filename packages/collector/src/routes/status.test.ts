import { countOf, type Facts } from '@waymark/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, createFixture, iso, NOW_MS, SECRET_KEY, track, WRITE_KEY, type Fixture } from '../app.fixture.js';
import { userHash } from '../auth.js';

type StatusBody = { userId?: string; anonymousId?: string; facts: Facts; status: { status: string; reason: string }; segments: string[]; asOf: string };
const DAY = 86_400_000;

describe.each(ADAPTERS)('GET /v1/status (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());
  const status = async (query: string, headers: Record<string, string> = {}) => {
    const res = await f.get(`/v1/status?${query}`, headers);
    return { res, body: res.status === 200 ? ((await res.json()) as StatusBody) : undefined };
  };

  it('answers browsers under the project\'s CORS allow-list: headers for allowed origins, 403 for others, preflights', async () => {
    f = await createFixture(adapter);
    await f.storage.createProject({ id: 'p2', name: 'Other', writeKey: 'wk_other', secretKey: 'sk_other', corsOrigins: ['https://other.example'] });
    await f.post('/v1/batch', { batch: [track('c1', { userId: 'cors-user' })] });
    for (let read = 0; read < 2; read++) { // the second read is served from warm caches
      const ok = await f.get('/v1/status?userId=cors-user', { origin: 'https://app.example' });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(ok.headers.get('access-control-expose-headers')).toMatch(/ETag/);
      expect(ok.headers.get('vary')).toMatch(/Origin/);
      // Allowed by another project only: refused for this one, with CORS headers so the page can read why.
      const elsewhere = await f.get('/v1/status?userId=cors-user', { origin: 'https://other.example' });
      expect(elsewhere.status).toBe(403);
      expect(elsewhere.headers.get('access-control-allow-origin')).toBe('https://other.example');
      const evil = await f.get('/v1/status?userId=cors-user', { origin: 'https://evil.example' });
      expect(evil.status).toBe(403);
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      const noOrigin = await f.get('/v1/status?userId=cors-user');
      expect(noOrigin.status).toBe(200);
      expect(noOrigin.headers.get('access-control-allow-origin')).toBeNull();
    }
    const pre = await f.app.request('/v1/status?userId=cors-user', { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization, if-none-match' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/If-None-Match/);
    const evilPre = await f.app.request('/v1/status', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(evilPre.status).toBe(403);
  });

  it('counts events sent before identification for the identified user', async () => {
    f = await createFixture(adapter);
    await f.admin('PUT', '/v1/admin/config', undefined, { statusTraits: ['plan'] });
    await f.post('/v1/batch', { batch: [track('a1', { anonymousId: 'anon' }), track('a2', { anonymousId: 'anon' })] });
    await f.post('/v1/identify', { messageId: 'i1', anonymousId: 'anon', userId: 'alice', traits: { plan: 'pro' }, timestamp: iso(NOW_MS) });
    await f.post('/v1/batch', { batch: [track('u1', { userId: 'alice' })] });
    const { body } = await status('userId=alice');
    expect(body?.userId).toBe('alice');
    expect(countOf(body!.facts, 'events')).toBe(4);
    expect(body?.facts.traits.plan?.[0]).toBe('pro');
    expect(body?.status.status).toBe('new');
    expect(body?.asOf).toBe(iso(NOW_MS));
    // Without identity verification an anonymous id reads the user it was linked to.
    expect((await status('anonymousId=anon')).body?.userId).toBe('alice');
  });

  it('answers empty facts for an unknown user and 400 without an id', async () => {
    f = await createFixture(adapter);
    const { body } = await status('userId=nobody');
    expect(countOf(body!.facts, 'events')).toBe(0);
    expect((await status('')).res.status).toBe(400);
  });

  it('revalidates with ETag: 304 while nothing changed, 200 after a new event', async () => {
    f = await createFixture(adapter);
    await f.post('/v1/batch', { batch: [track('e1', { userId: 'bob' })] });
    const first = await status('userId=bob');
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    f.clock.nowMs += 1000;
    const again = await f.get('/v1/status?userId=bob', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    await f.post('/v1/batch', { batch: [track('e2', { userId: 'bob' })] });
    const changed = await f.get('/v1/status?userId=bob', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('answers the status and asOf of the moment of each read, with no new events in between', async () => {
    f = await createFixture(adapter);
    await f.post('/v1/batch', { batch: [track('t1', { userId: 'tess' })] });
    const first = await status('userId=tess');
    expect(first.body?.status.status).toBe('new');
    expect((await status('userId=tess')).res.headers.get('etag')).toBe(first.res.headers.get('etag'));
    f.clock.nowMs += 20 * DAY;
    const later = await status('userId=tess');
    expect(later.body?.status).toEqual({ status: 'dormant', reason: 'silent 20d ≥ 14d' });
    expect(later.body?.asOf).toBe(iso(f.clock.nowMs));
    expect(later.res.headers.get('etag')).not.toBe(first.res.headers.get('etag'));
    expect((await f.get('/v1/status?userId=tess', { 'if-none-match': first.res.headers.get('etag')! })).status).toBe(200);
  });

  it('applies the status rules and live segments stored in the project config', async () => {
    f = await createFixture(adapter);
    await f.post('/v1/batch', { batch: [track('c1', { userId: 'carol' }, { timestamp: iso(NOW_MS - 3 * DAY) })] });
    expect((await status('userId=carol')).body?.status.status).toBe('new');
    await f.storage.putProjectConfig('p1', { status: { newDays: 2 }, segments: { clickers: { event: 'Clicked' }, buyers: { event: 'Order Completed' } } });
    f.clock.nowMs += 5000; // past the config cache
    const { body } = await status('userId=carol');
    expect(body?.status.status).not.toBe('new');
    expect(body?.segments).toEqual(['clickers']);
  });

  it('requires userHash when identity verification is on; anonymous reads see only their own id', async () => {
    f = await createFixture(adapter, {}, { identityVerification: true });
    await f.post('/v1/batch', { batch: [track('v0', { anonymousId: 'anon' }), track('v1', { userId: 'dave', anonymousId: 'anon' }, { type: 'identify', event: undefined })] });
    expect((await status('userId=dave')).res.status).toBe(403);
    expect((await status('userId=dave&userHash=00ff')).res.status).toBe(403);
    expect((await status(`userId=dave&userHash=${await userHash(WRITE_KEY, 'dave')}`)).res.status).toBe(403);
    const ok = await status(`userId=dave&userHash=${await userHash(SECRET_KEY, 'dave')}`);
    expect(countOf(ok.body!.facts, 'events')).toBe(2);
    const anon = await status('anonymousId=anon');
    expect(anon.body?.userId).toBeUndefined();
    expect(countOf(anon.body!.facts, 'events')).toBe(0);
  });

  it('needs the write key (header or query), never the secret key', async () => {
    f = await createFixture(adapter);
    expect((await f.app.request('/v1/status?userId=x')).status).toBe(401);
    expect((await f.app.request(`/v1/status?userId=x&writeKey=${WRITE_KEY}`)).status).toBe(200);
    expect((await f.app.request(`/v1/status?userId=x&writeKey=${SECRET_KEY}`)).status).toBe(403);
  });
});
