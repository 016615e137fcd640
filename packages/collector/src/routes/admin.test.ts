import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, basic, createFixture, iso, NOW_MS, track, WRITE_KEY, type Fixture } from '../app.fixture.js';

describe.each(ADAPTERS)('admin routes (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it.each([
    ['GET', '/v1/admin/users/u/export'],
    ['DELETE', '/v1/admin/users/u'],
    ['POST', '/v1/admin/keys/rotate'],
    ['GET', '/v1/admin/project'],
    ['PATCH', '/v1/admin/project'],
  ])('a write key can never reach %s %s', async (method, path) => {
    f = await createFixture(adapter);
    await f.post('/v1/batch', { batch: [track('w1', { userId: 'u' })] });
    const res = await f.admin(method, path, WRITE_KEY, method === 'PATCH' ? { identityVerification: true } : undefined);
    expect(res.status).toBe(403);
    expect((await f.admin(method, path, 'nothing')).status).toBe(401);
    expect((await f.app.request(path, { method })).status).toBe(401);
    // Nothing changed: the user's data and the keys are intact.
    expect((await f.get('/v1/status?userId=u')).status).toBe(200);
    expect((await f.storage.findProjectByWriteKey(WRITE_KEY))?.identityVerification).toBe(false);
  });

  it('exports a user as NDJSON: profile, identity links, then every event with both times', async () => {
    f = await createFixture(adapter);
    await f.post('/v1/batch', {
      batch: [track('x1', { anonymousId: 'anon' }), { type: 'identify', messageId: 'x2', userId: 'erin', anonymousId: 'anon', timestamp: iso(NOW_MS) }, track('x3', { userId: 'erin' })],
    });
    const res = await f.admin('GET', '/v1/admin/users/erin/export');
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'profile', userId: 'erin', profile: { userId: 'erin' } });
    expect(lines[1]).toEqual({ type: 'identity', kind: 'anonymous', id: 'anon', userId: 'erin' });
    expect(lines.slice(2).map((l) => l.event.messageId)).toEqual(['x1', 'x2', 'x3']);
    expect(lines[2].event).toMatchObject({ receivedAt: iso(NOW_MS), originalTimestamp: iso(NOW_MS - 1000) });
  });

  it('deletes a user: events (also the anonymous ones before identify), profile and links, and says how many', async () => {
    f = await createFixture(adapter);
    await f.post('/v1/batch', {
      batch: [track('y1', { anonymousId: 'anon' }), { type: 'identify', messageId: 'y2', userId: 'fay', anonymousId: 'anon', timestamp: iso(NOW_MS) }, track('z1', { userId: 'other' })],
    });
    const res = await f.admin('DELETE', '/v1/admin/users/fay');
    expect(await res.json()).toEqual({ userId: 'fay', removed: { events: 2, profiles: 1, identityLinks: 1 } });
    const lines = (await (await f.admin('GET', '/v1/admin/users/fay/export')).text()).trim().split('\n');
    expect(lines).toEqual([JSON.stringify({ type: 'profile', userId: 'fay', profile: null })]);
    const other = (await (await f.admin('GET', '/v1/admin/users/other/export')).text()).trim().split('\n');
    expect(other).toHaveLength(2);
  });

  it('rotates keys: the old write key stops working, the new one works', async () => {
    f = await createFixture(adapter);
    const res = await f.admin('POST', '/v1/admin/keys/rotate', undefined, { keys: 'write' });
    const project = (await res.json()) as { writeKey: string; secretKey: string };
    expect(project.writeKey).toMatch(/^wk_/);
    expect(project.writeKey).not.toBe(WRITE_KEY);
    expect((await f.post('/v1/batch', { batch: [track('k1')] })).status).toBe(401);
    const ok = await f.post('/v1/batch', { batch: [track('k2')] }, { headers: { authorization: basic(project.writeKey) } });
    expect(ok.status).toBe(200);
  });

  it('changes project settings (CORS list, identity verification)', async () => {
    f = await createFixture(adapter);
    const res = await f.admin('PATCH', '/v1/admin/project', undefined, { corsOrigins: ['https://new.example'], identityVerification: true });
    expect(await res.json()).toMatchObject({ corsOrigins: ['https://new.example'], identityVerification: true });
    const pre = await f.app.request('/v1/batch', { method: 'OPTIONS', headers: { origin: 'https://new.example' } });
    expect(pre.status).toBe(204);
    expect((await f.admin('PATCH', '/v1/admin/project', undefined, { corsOrigins: 'x' })).status).toBe(400);
  });

  it('refuses an oversize settings or rotation body with 413 and changes nothing', async () => {
    f = await createFixture(adapter);
    const huge = { corsOrigins: Array.from({ length: 1000 }, (_, i) => `https://${'x'.repeat(80)}${i}.example`) };
    const res = await f.admin('PATCH', '/v1/admin/project', undefined, huge);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { reason: string }).reason).toMatch(/larger than/);
    expect(((await (await f.admin('GET', '/v1/admin/project')).json()) as { corsOrigins: string[] }).corsOrigins).not.toHaveLength(1000);
    expect((await f.admin('POST', '/v1/admin/keys/rotate', undefined, { keys: 'write', pad: 'x'.repeat(70_000) })).status).toBe(413);
    expect((await f.post('/v1/batch', { batch: [] })).status).not.toBe(401); // the write key was not rotated
  });
});
