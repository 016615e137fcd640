import { countOf, type Facts } from '@waymark/core';
import { afterEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { ADAPTERS, basic, createFixture, exportedEvents, iso, NOW_MS, SECRET_KEY, track, WRITE_KEY, type Fixture } from '../app.fixture.js';

describe.each(ADAPTERS)('ingest (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());
  const stored = async (userOrAnon = 'anon-1') => {
    const res = await f.get(`/v1/status?anonymousId=${userOrAnon}`);
    return ((await res.json()) as { facts: Facts }).facts;
  };

  it('stores the valid events of a batch and lists each rejected one with index, messageId and reason', async () => {
    f = await createFixture(adapter);
    const res = await f.post('/v1/batch', { batch: [track('m1'), { type: 'track', messageId: 'm2', anonymousId: 'a' }, track('m3'), 'nope'] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      accepted: 2,
      duplicates: [],
      rejected: [
        { index: 1, messageId: 'm2', reason: 'event: track needs an event name' },
        { index: 3, reason: 'event must be a JSON object' },
      ],
    });
    expect(countOf(await stored(), 'events')).toBe(2);
  });

  it('reports duplicates by messageId across batches and stores them once', async () => {
    f = await createFixture(adapter);
    await f.post('/v1/batch', { batch: [track('d1', { userId: 'u1' })] });
    const res = await f.post('/v1/batch', { batch: [track('d1', { userId: 'u1' }), track('d2', { userId: 'u1' }), track('d2', { userId: 'u1' })] });
    expect(await res.json()).toEqual({ accepted: 1, duplicates: ['d1', 'd2'], rejected: [] });
    expect((await exportedEvents(f, 'u1')).map((e) => e.messageId)).toEqual(['d1', 'd2']);
  });

  it('accepts the write key in the body of a text/plain request (sendBeacon) and gzip bodies', async () => {
    f = await createFixture(adapter);
    const plain = await f.app.request('/v1/batch', {
      method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ batch: [track('t1', { userId: 'u' })], writeKey: WRITE_KEY }),
    });
    expect(plain.status).toBe(200);
    const zipped = await f.post('/v1/batch', { batch: [track('g1', { userId: 'u' })] }, { raw: 'gzip' });
    expect(await zipped.json()).toMatchObject({ accepted: 1 });
    expect((await exportedEvents(f, 'u')).map((e) => e.messageId)).toEqual(['t1', 'g1']);
  });

  it('applies a batch-level context to every event, under the event\'s own keys (Segment HTTP API)', async () => {
    f = await createFixture(adapter);
    await f.post('/v1/batch', { context: { locale: 'fr-FR', app: { name: 'web' } }, batch: [track('c1', { userId: 'u' }, { context: { locale: 'de-DE' } }), track('c2', { userId: 'u' })] });
    const events = await exportedEvents(f, 'u');
    expect(events.map((e) => e.context)).toEqual([{ locale: 'de-DE', app: { name: 'web' } }, { locale: 'fr-FR', app: { name: 'web' } }]);
    const polluted = await f.post('/v1/batch', { context: JSON.parse('{"__proto__":{"x":1}}'), batch: [track('c3', { userId: 'u' })] });
    expect(await polluted.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0, messageId: 'c3' }] });
  });

  it('corrects clock skew from sentAt and keeps the original timestamp', async () => {
    f = await createFixture(adapter);
    const fast = NOW_MS + 3_600_000; // device clock one hour ahead
    await f.post('/v1/batch', { batch: [track('s1', { userId: 'u' }, { timestamp: iso(fast - 2000) })], sentAt: iso(fast) });
    const [e] = await exportedEvents(f, 'u');
    expect(e).toMatchObject({ timestamp: iso(NOW_MS - 2000), originalTimestamp: iso(fast - 2000), receivedAt: iso(NOW_MS) });
  });

  it.each([
    ['a body that is not JSON', '{"batch": [', 'not valid JSON'],
    ['a JSON array', '[1,2]', 'JSON object'],
    ['an object without batch', '{"events": []}', 'not a batch'],
    ['a batch that is not an array', '{"batch": {"0": {}}}', 'not a batch'],
    ['a batch with a bad sentAt', '{"batch": [], "sentAt": "soon"}', 'sentAt'],
  ])('answers 400 with a reason for %s and stores nothing', async (_label, body, reason) => {
    f = await createFixture(adapter);
    const res = await f.post('/v1/batch', body, { raw: true });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { reason: string }).reason).toContain(reason);
    expect(await f.storage.readProfile('p1', { anonymousId: 'anon-1', followLinks: true })).toBeNull();
  });

  it('answers 413 for a body over 500 KB, a batch over the length limit and a gzip bomb', async () => {
    f = await createFixture(adapter);
    const big = await f.post('/v1/batch', { batch: [track('b', {}, { properties: { x: 'y'.repeat(600 * 1024) } })] });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'too_large', reason: 'body larger than 512000 bytes' });
    const long = await f.post('/v1/batch', { batch: Array.from({ length: 1001 }, () => 0) });
    expect(long.status).toBe(413);
    const bomb = gzipSync(Buffer.alloc(5 * 1024 * 1024, 32));
    const res = await f.app.request('/v1/batch', { method: 'POST', headers: { authorization: basic(WRITE_KEY), 'content-encoding': 'gzip' }, body: bomb });
    expect(res.status).toBe(413);
  });

  it('rejects events over 32 KB individually', async () => {
    f = await createFixture(adapter);
    const res = await f.post('/v1/batch', { batch: [track('ok'), track('fat', undefined, { properties: { x: 'y'.repeat(33 * 1024) } })] });
    expect(await res.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, messageId: 'fat', reason: 'event larger than 32768 bytes' }] });
  });

  it.each([
    ['no key', {}, 401],
    ['an unknown key', { authorization: basic('wk_nope') }, 401],
    ['the secret key', { authorization: basic(SECRET_KEY) }, 403],
  ])('refuses %s', async (_label, headers, status) => {
    f = await createFixture(adapter);
    const res = await f.app.request('/v1/batch', { method: 'POST', headers, body: JSON.stringify({ batch: [track('k1')] }) });
    expect(res.status).toBe(status);
    expect(await f.storage.readProfile('p1', { anonymousId: 'anon-1', followLinks: true })).toBeNull();
  });

  it('takes single events on /v1/track|page|identify|... with the type from the path', async () => {
    f = await createFixture(adapter);
    expect((await f.post('/v1/import', { batch: [track('imp', { userId: 'u' })] })).status).toBe(200);
    const page = await f.post('/v1/page', { messageId: 'p1', userId: 'u', name: 'Home', timestamp: iso(NOW_MS) });
    expect(await page.json()).toEqual({ accepted: 1, duplicates: [], rejected: [] });
    const bad = await f.post('/v1/track', { messageId: 't1', userId: 'u' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ reason: 'event: track needs an event name', rejected: [{ index: 0, messageId: 't1' }] });
    const [imported, e] = await exportedEvents(f, 'u');
    expect(imported?.messageId).toBe('imp');
    expect(e).toMatchObject({ type: 'page', name: 'Home' });
  });

  it('answers CORS preflights for allowed origins only and refuses events from other origins', async () => {
    f = await createFixture(adapter);
    const pre = await f.app.request('/v1/batch', { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(pre.headers.get('access-control-allow-headers')).toContain('Authorization');
    const evil = await f.app.request('/v1/batch', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const blocked = await f.post('/v1/batch', { batch: [track('o1')] }, { headers: { origin: 'https://evil.example' } });
    expect(blocked.status).toBe(403);
    const ok = await f.post('/v1/batch', { batch: [track('o2')] }, { headers: { origin: 'https://app.example' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });

  it('rate-limits per write key and per client IP with 429 and Retry-After', async () => {
    f = await createFixture(adapter, { keyRateLimit: { ratePerSec: 1, burst: 2 }, ipRateLimit: { ratePerSec: 1, burst: 3 }, trustProxy: true });
    const send = (ip: string, id: string) => f.post('/v1/batch', { batch: [track(id)] }, { headers: { 'x-forwarded-for': ip } });
    expect((await send('203.0.113.1', 'r1')).status).toBe(200);
    expect((await send('203.0.113.2', 'r2')).status).toBe(200);
    const limited = await send('203.0.113.3', 'r3');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    f.clock.nowMs += 10_000;
    const ipLimited = [await send('198.51.100.1', 'r4'), await send('198.51.100.1', 'r5'), await send('198.51.100.1', 'r6'), await send('198.51.100.1', 'r7')];
    expect(ipLimited.map((r) => r.status)).toContain(429);
  });

  it('does not lump clients of unknown address into one per-IP bucket', async () => {
    f = await createFixture(adapter, { ipRateLimit: { ratePerSec: 1, burst: 1 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await f.post('/v1/batch', { batch: [track(`n${i}`)] })).status);
    expect(statuses).toEqual([200, 200, 200]);
  });

  it('answers 503 with Retry-After when the commit fails, so the client retries', async () => {
    f = await createFixture(adapter);
    f.storage.commitBatch = async () => {
      throw new Error('disk full');
    };
    const res = await f.post('/v1/batch', { batch: [track('x1')] });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
  });
});
