import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, createFixture, iso, NOW_MS, SECRET_KEY, track, WRITE_KEY, type Fixture } from '../app.fixture.js';

const DAY = 86_400_000;
const config = {
  checklists: [{ id: 'setup', steps: [{ id: 'project', event: 'Project Created' }, { id: 'invite', event: 'Teammate Invited' }] }],
  segments: { builders: { event: 'Project Created' } },
};

describe.each(ADAPTERS)('GET /v1/admin/analytics/overview (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it('reports what ingest stored: people (anonymous merged at identify), lifecycle, activity, funnels, segments, top events', async () => {
    f = await createFixture(adapter);
    await f.admin('PUT', '/v1/admin/config', SECRET_KEY, config);
    const res = await f.post('/v1/batch', { batch: [
      track('a1', { anonymousId: 'visitor' }, { event: 'Project Created' }),
      { type: 'identify', messageId: 'a2', anonymousId: 'visitor', userId: 'ada', timestamp: iso(NOW_MS - 500) },
      track('a3', { userId: 'ada' }, { event: 'Teammate Invited' }),
      track('b1', { userId: 'bob' }, { event: 'Viewed', timestamp: iso(NOW_MS - 40 * DAY) }),
      track('c1', { anonymousId: 'lurker' }, { event: 'Viewed', timestamp: iso(NOW_MS - 2 * DAY) }),
    ] });
    expect(res.status).toBe(200);
    const overview = await (await f.admin('GET', '/v1/admin/analytics/overview?days=3')).json() as Record<string, any>;
    expect(overview.people).toEqual({ total: 3, identified: 2, anonymous: 1 });
    expect(overview.lifecycle).toMatchObject({ new: 2, churned: 1 });
    expect(overview.activity).toMatchObject({ dau: 1, wau: 2, mau: 2 });
    expect(overview.activity.daily).toEqual([{ date: '2026-11-23', active: 1 }, { date: '2026-11-24', active: 0 }, { date: '2026-11-25', active: 1 }]);
    expect(overview.onboarding).toEqual([{ id: 'setup', people: 3, completed: 1, completionRate: 1 / 3, steps: [{ id: 'project', done: 1, medianMs: 0 }, { id: 'invite', done: 1, medianMs: expect.any(Number) }] }]);
    expect(overview.segments).toEqual([{ id: 'builders', people: 1 }]);
    expect(overview.events.top).toEqual([{ name: 'Viewed', count: 2 }, { name: 'Project Created', count: 1 }, { name: 'Teammate Invited', count: 1 }]);
    expect(overview.configVersion).toBe(1);
  });

  it('reuses a recent overview for 10 s (asOf says when it was computed), then answers it while folding again', async () => {
    f = await createFixture(adapter);
    const overview = async () => (await (await f.admin('GET', '/v1/admin/analytics/overview')).json()) as { asOf: string; people: { total: number } };
    await f.post('/v1/batch', { batch: [track('r1', { userId: 'first' })] });
    const first = await overview();
    expect(first.people.total).toBe(1);
    await f.post('/v1/batch', { batch: [track('r2', { userId: 'second' })] });
    f.clock.nowMs += 10_000;
    expect(await overview()).toEqual(first);
    f.clock.nowMs += 1;
    const refolding = f.clock.nowMs;
    expect(await overview()).toEqual(first); // at once, from the last fold; a new fold started
    await expect.poll(async () => (await overview()).people.total).toBe(2);
    expect((await overview()).asOf).toBe(iso(refolding));
  });

  it('waits for the new fold when asked with fresh=1', async () => {
    f = await createFixture(adapter);
    const overview = async (q = '') => (await (await f.admin('GET', `/v1/admin/analytics/overview${q}`)).json()) as { asOf: string; people: { total: number } };
    expect((await overview()).people.total).toBe(0);
    await f.post('/v1/batch', { batch: [track('f1', { userId: 'one' })] });
    f.clock.nowMs += 10_001;
    expect(await overview('?fresh=1')).toMatchObject({ people: { total: 1 }, asOf: iso(f.clock.nowMs) });
    expect((await f.admin('GET', '/v1/admin/analytics/overview?fresh=yes')).status).toBe(400);
  });

  it('waits for a new fold once the last one is older than 10 minutes', async () => {
    f = await createFixture(adapter);
    const overview = async () => (await (await f.admin('GET', '/v1/admin/analytics/overview')).json()) as { asOf: string; people: { total: number } };
    expect((await overview()).people.total).toBe(0);
    await f.post('/v1/batch', { batch: [track('s1', { userId: 'late' })] });
    f.clock.nowMs += 10 * 60_000 + 1;
    expect(await overview()).toMatchObject({ people: { total: 1 }, asOf: iso(f.clock.nowMs) });
  });

  it('needs the secret key and a sensible day count', async () => {
    f = await createFixture(adapter);
    expect((await f.admin('GET', '/v1/admin/analytics/overview', WRITE_KEY)).status).toBe(403);
    expect((await f.admin('GET', '/v1/admin/analytics/overview', 'sk_nope')).status).toBe(401);
    const bad = await f.admin('GET', '/v1/admin/analytics/overview?days=365');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ reason: expect.stringMatching(/days/) });
    const empty = await (await f.admin('GET', '/v1/admin/analytics/overview')).json() as Record<string, any>;
    expect(empty.people.total).toBe(0);
    expect(empty.activity.daily).toHaveLength(30);
  });
});
