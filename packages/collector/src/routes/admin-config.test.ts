import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, createFixture, iso, NOW_MS, SECRET_KEY, WRITE_KEY, type Fixture } from '../app.fixture.js';

const config = {
  status: { dormantDays: 10 },
  checklists: [{ id: 'setup', steps: [{ id: 'project', event: 'Project Created' }, { id: 'invite', event: 'Teammate Invited' }] }],
  nudges: [{ id: 'invite', priority: 2, holdout: 0.5 }],
  segments: { builders: { event: 'Project Created' } },
};

describe.each(ADAPTERS)('admin config (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it('stores a valid config with a new version each time and reads it back', async () => {
    f = await createFixture(adapter);
    const put = await f.admin('PUT', '/v1/admin/config', SECRET_KEY, config);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ version: 1, config });
    const second = await f.admin('PUT', '/v1/admin/config', SECRET_KEY, { ...config, nudges: [] });
    expect(((await second.json()) as { version: number }).version).toBe(2);
    const get = await f.admin('GET', '/v1/admin/config');
    expect(get.headers.get('etag')).toBe('"cfg-2"');
    expect(await get.json()).toEqual({ version: 2, config: { ...config, nudges: [] } });
  });

  it.each([
    ['an unknown field', { nudgez: [] }, /nudgez|unrecognized/i],
    ['a step without an id', { checklists: [{ id: 'x', steps: [{ event: 'A' }] }] }, /id/],
    ['duplicate nudge ids', { nudges: [{ id: 'a' }, { id: 'a' }] }, /unique/],
    ['a holdout share above 1', { nudges: [{ id: 'a', holdout: 2 }] }, /holdout/],
    ['a malformed predicate', { segments: { s: { eventz: 'A' } } }, /./],
  ])('rejects %s with a reason and keeps the old version', async (_n, body, reason) => {
    f = await createFixture(adapter);
    await f.admin('PUT', '/v1/admin/config', SECRET_KEY, config);
    const res = await f.admin('PUT', '/v1/admin/config', SECRET_KEY, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { reason: string }).reason).toMatch(reason);
    expect(((await (await f.admin('GET', '/v1/admin/config')).json()) as { version: number }).version).toBe(1);
  });

  it('needs the secret key: the write key is refused', async () => {
    f = await createFixture(adapter);
    expect((await f.admin('PUT', '/v1/admin/config', WRITE_KEY, config)).status).toBe(403);
    expect((await f.admin('GET', '/v1/admin/config', WRITE_KEY)).status).toBe(403);
    expect((await f.admin('GET', '/v1/admin/config', 'sk_nope')).status).toBe(401);
  });

  it('refuses a write conditional on a stale version (If-Match)', async () => {
    f = await createFixture(adapter);
    await f.admin('PUT', '/v1/admin/config', SECRET_KEY, config);
    const req = (etag: string) =>
      f.app.request('/v1/admin/config', { method: 'PUT', headers: { authorization: `Bearer ${SECRET_KEY}`, 'if-match': etag }, body: JSON.stringify(config) });
    expect((await req('"cfg-0"')).status).toBe(412);
    expect((await req('"cfg-1"')).status).toBe(200);
  });

  it('makes GET /v1/status use the stored status rules, checklists and segments at once', async () => {
    f = await createFixture(adapter);
    const event = (messageId: string, name: string) => ({ type: 'track', event: name, messageId, userId: 'ann', timestamp: iso(NOW_MS - 12 * 86_400_000) });
    await f.post('/v1/batch', { batch: [event('e1', 'Project Created')] });
    const before = (await (await f.get('/v1/status?userId=ann')).json()) as { status: { status: string }; segments: string[] };
    expect(before.status.status).toBe('active');
    expect(before.segments).toEqual([]);
    await f.admin('PUT', '/v1/admin/config', SECRET_KEY, config);
    const after = (await (await f.get('/v1/status?userId=ann')).json()) as { status: { status: string }; segments: string[] };
    expect(after.status.status).toBe('dormant');
    expect(after.segments).toEqual(['builders']);
  });
});
