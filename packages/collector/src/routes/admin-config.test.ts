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

describe.each(ADAPTERS)('nudge lift (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());
  const at = (min: number) => iso(NOW_MS - 60 * 60_000 + min * 60_000);
  let n = 0;
  const track = (who: Record<string, string>, event: string, min: number, properties: Record<string, unknown> = {}) =>
    ({ type: 'track', event, messageId: `m${++n}`, timestamp: at(min), properties, ...who });

  it('compares the goal conversion of shown and held-out users from stored events', async () => {
    f = await createFixture(adapter);
    await f.admin('PUT', '/v1/admin/config', SECRET_KEY, { nudges: [{ id: 'invite', holdout: 0.5 }, { id: 'other' }] });
    await f.post('/v1/batch', {
      batch: [
        // Shown: u1 converts after the show, u2 converted only before it, u3 shown while anonymous then identified.
        track({ userId: 'u1' }, 'Nudge Shown', 1, { nudgeId: 'invite' }),
        track({ userId: 'u1' }, 'Teammate Invited', 2),
        track({ userId: 'u2' }, 'Teammate Invited', 0),
        track({ userId: 'u2' }, 'Nudge Shown', 1, { nudgeId: 'invite' }),
        track({ anonymousId: 'anon-3' }, 'Nudge Shown', 1, { nudgeId: 'invite' }),
        { type: 'identify', messageId: 'id3', anonymousId: 'anon-3', userId: 'u3', timestamp: at(2) },
        track({ userId: 'u3' }, 'Teammate Invited', 3),
        // Held out: h1 converts anyway, h2 does not.
        track({ userId: 'h1' }, 'Nudge Held Out', 1, { nudgeId: 'invite' }),
        track({ userId: 'h1' }, 'Teammate Invited', 5),
        track({ userId: 'h2' }, 'Nudge Held Out', 1, { nudgeId: 'invite' }),
      ],
    });
    const res = await f.admin('GET', '/v1/admin/config/lift?goal=Teammate%20Invited');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { goal: string; nudges: Array<Record<string, unknown>> };
    expect(body.goal).toBe('Teammate Invited');
    expect(body.nudges.map((x) => x.nudgeId)).toEqual(['invite', 'other']);
    expect(body.nudges[0]).toMatchObject({ shown: { users: 3, converted: 2 }, heldOut: { users: 2, converted: 1, rate: 0.5 }, excluded: 0 });
    expect(body.nudges[0]!.lift as number).toBeCloseTo(2 / 3 - 0.5);
    expect(body.nudges[1]).toMatchObject({ shown: { users: 0 }, lift: null });
    expect((await f.admin('GET', '/v1/admin/config/lift', WRITE_KEY)).status).toBe(403);
  });
});
