/** The Worker entry in workerd (Miniflare): configured by `WAYMARK_*` bindings, serving the same routes as the Node entry. */
import { countOf, type Facts } from '@waymark/core';
import { afterAll, describe, expect, it } from 'vitest';
import { basic } from '../app.fixture.js';
import { userHash } from '../auth.js';
import { bundleWorker, startWorker } from './miniflare.fixture.js';

const WRITE_KEY = 'wk_edge';
const SECRET_KEY = 'sk_edge';
const ORIGIN = 'https://app.example';
const mf = startWorker((await bundleWorker()).code, {
  WAYMARK_WRITE_KEY: WRITE_KEY, WAYMARK_SECRET_KEY: SECRET_KEY, WAYMARK_CORS_ORIGINS: ORIGIN, WAYMARK_IDENTITY_VERIFICATION: '1',
});
afterAll(() => mf.dispose());

const URL_BASE = 'http://collector.test';
const now = () => new Date().toISOString();
const track = (messageId: string, who: Record<string, string>, extra: Record<string, unknown> = {}) =>
  ({ type: 'track', event: 'Clicked', messageId, timestamp: now(), ...who, ...extra });
const send = (body: unknown, headers: Record<string, string> = { authorization: basic(WRITE_KEY), 'content-type': 'application/json' }) =>
  mf.dispatchFetch(`${URL_BASE}/v1/batch`, { method: 'POST', headers, body: JSON.stringify(body) });
const get = (path: string, key = WRITE_KEY, headers: Record<string, string> = {}) =>
  mf.dispatchFetch(`${URL_BASE}${path}`, { headers: { authorization: basic(key), ...headers } });

describe('Worker entry', () => {
  it('answers /healthz after a storage round trip', async () => {
    const res = await mf.dispatchFetch(`${URL_BASE}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('creates the default project from the bindings', async () => {
    const res = await get('/v1/admin/project', SECRET_KEY);
    expect(await res.json()).toMatchObject({ id: 'default', writeKey: WRITE_KEY, corsOrigins: [ORIGIN], identityVerification: true });
    expect((await get('/v1/admin/project', WRITE_KEY)).status).toBe(403);
    expect((await get('/v1/admin/project', 'sk_unknown')).status).toBe(401);
  });

  it('stores valid events, names each rejected one, reports duplicates', async () => {
    const batch = [track('w1', { anonymousId: 'dev-1' }), { type: 'track', messageId: 'w2', timestamp: now() }, track('w3', { anonymousId: 'dev-1' })];
    const first = await send({ batch, sentAt: now() });
    expect(first.status).toBe(200);
    const answer = (await first.json()) as { accepted: number; duplicates: string[]; rejected: Array<{ index: number; reason: string }> };
    expect(answer.accepted).toBe(2);
    expect(answer.rejected.map((r) => r.index)).toEqual([1]);
    expect(answer.rejected[0]!.reason).toMatch(/userId|anonymousId/);
    const again = await send({ batch: [batch[0], batch[2]], sentAt: now() });
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: ['w1', 'w3'] });
  });

  it('takes the write key in a text/plain body (sendBeacon) and refuses wrong keys and origins', async () => {
    const body = { batch: [track('b1', { anonymousId: 'dev-2' })], writeKey: WRITE_KEY };
    const ok = await send(body, { 'content-type': 'text/plain', origin: ORIGIN });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect((await send({ ...body, writeKey: SECRET_KEY }, { 'content-type': 'text/plain' })).status).toBe(403);
    expect((await send({ ...body, writeKey: 'wk_unknown' }, { 'content-type': 'text/plain' })).status).toBe(401);
    expect((await send({ ...body, writeKey: WRITE_KEY }, { 'content-type': 'text/plain', origin: 'https://evil.example' })).status).toBe(403);
  });

  it('serves status by anonymous id openly and by user id only with a valid userHash', async () => {
    await send({ batch: [track('s0', { anonymousId: 'dev-3' }), track('s1', { userId: 'ada', anonymousId: 'dev-4' }, { type: 'identify', event: undefined }),
      track('s2', { userId: 'ada' })] });
    const anonymous = await get('/v1/status?anonymousId=dev-3');
    expect(anonymous.status).toBe(200);
    const answer = (await anonymous.json()) as { anonymousId: string; facts: Facts; status: { status: string } };
    expect(answer).toMatchObject({ anonymousId: 'dev-3', status: { status: 'new' } });
    expect(countOf(answer.facts, 'events')).toBe(1);
    expect((await get('/v1/status?userId=ada')).status).toBe(403);
    expect((await get('/v1/status?userId=ada&userHash=00')).status).toBe(403);
    const signed = await get(`/v1/status?userId=ada&userHash=${await userHash(SECRET_KEY, 'ada')}`);
    expect(signed.status).toBe(200);
    expect(countOf(((await signed.json()) as { facts: Facts }).facts, 'events')).toBe(2);
  });

  it('exports and erases a user with the secret key', async () => {
    await send({ batch: [track('e1', { userId: 'bob' }), track('e2', { userId: 'bob' })] });
    const exported = (await (await get('/v1/admin/users/bob/export', SECRET_KEY)).text()).trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(exported.filter((l) => l.type === 'event')).toHaveLength(2);
    const erased = await mf.dispatchFetch(`${URL_BASE}/v1/admin/users/bob`, { method: 'DELETE', headers: { authorization: basic(SECRET_KEY) } });
    expect(await erased.json()).toEqual({ userId: 'bob', removed: { events: 2, profiles: 1, identityLinks: 0 } });
    const after = await get(`/v1/status?userId=bob&userHash=${await userHash(SECRET_KEY, 'bob')}`);
    expect(countOf(((await after.json()) as { facts: Facts }).facts, 'events')).toBe(0);
  });

  it('runs the Cron Trigger handler (the recomputation hook) without failing', async () => {
    // Miniflare's Fetcher type comes from workers-types, which this package does not load.
    const worker = (await mf.getWorker()) as unknown as { scheduled(o: { cron: string }): Promise<{ outcome: string }> };
    expect(await worker.scheduled({ cron: '*/30 * * * *' })).toMatchObject({ outcome: 'ok' });
  });

  it('keeps project configs (PUT /v1/admin/config, GET /v1/config)', async () => {
    const put = await mf.dispatchFetch(`${URL_BASE}/v1/admin/config`, { method: 'PUT', headers: { authorization: basic(SECRET_KEY), 'content-type': 'application/json' },
      body: JSON.stringify({ status: { newDays: 3 } }) });
    expect(put.status).toBe(200);
    expect(await (await get('/v1/config')).json()).toMatchObject({ config: { status: { newDays: 3 } } });
  });
});
