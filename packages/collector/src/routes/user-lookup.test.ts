import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, createFixture, iso, NOW_MS, SECRET_KEY, track, WRITE_KEY, type Fixture } from '../app.fixture.js';

const config = {
  checklists: [{ id: 'setup', steps: [{ id: 'project', event: 'Project Created' }, { id: 'invite', event: 'Teammate Invited' }] }],
  nudges: [
    { id: 'invite-team', segment: { all: [{ checklist: 'setup', step: 'project' }, { checklist: 'setup', step: 'invite', done: false }] } },
    { id: 'finish-setup', segment: { checklist: 'setup', done: false }, maxShows: 1 },
  ],
  segments: { builders: { event: 'Project Created' }, inviters: { event: 'Teammate Invited' } },
};

describe.each(ADAPTERS)('GET /v1/admin/users/:userId (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it("answers the user's status and why, segments, onboarding, each nudge's eligibility and the newest events first", async () => {
    f = await createFixture(adapter);
    await f.admin('PUT', '/v1/admin/config', SECRET_KEY, config);
    await f.post('/v1/batch', { batch: [
      track('u1', { anonymousId: 'visitor' }, { event: 'Project Created', timestamp: iso(NOW_MS - 3000) }),
      { type: 'identify', messageId: 'u2', anonymousId: 'visitor', userId: 'ada', traits: { plan: 'pro' }, timestamp: iso(NOW_MS - 2000) },
      track('u3', { userId: 'ada' }, { event: 'Nudge Shown', properties: { nudgeId: 'finish-setup' }, timestamp: iso(NOW_MS - 1000) }),
    ] });
    const res = await f.admin('GET', '/v1/admin/users/ada');
    expect(res.status).toBe(200);
    const u = (await res.json()) as Record<string, any>;
    expect(u.userId).toBe('ada');
    expect(u.status).toMatchObject({ status: 'new' });
    expect(u.status.reason).toMatch(/first seen/);
    expect(u.segments).toEqual(['builders']);
    expect(u.onboarding).toEqual([expect.objectContaining({ id: 'setup', done: 1, total: 2, next: 'invite' })]);
    expect(u.nudges).toEqual([
      { id: 'invite-team', eligible: true, holdout: false, reasons: [] },
      expect.objectContaining({ id: 'finish-setup', eligible: false }),
    ]);
    expect(u.nudges[1].reasons.join(' ')).toMatch(/max shows/);
    expect(u.recentEvents.map((e: { name: string | null }) => e.name)).toEqual(['Nudge Shown', null, 'Project Created']);
  });

  it('finds an anonymous visitor by anonymous id, 404s an unknown id, and takes the secret key only', async () => {
    f = await createFixture(adapter);
    await f.post('/v1/batch', { batch: [track('v1', { anonymousId: 'lurker' })] });
    const anon = (await (await f.admin('GET', '/v1/admin/users/lurker')).json()) as Record<string, any>;
    expect(anon).toMatchObject({ userId: null, anonymousId: 'lurker', recentEvents: [] });
    expect((await f.admin('GET', '/v1/admin/users/nobody')).status).toBe(404);
    expect((await f.admin('GET', '/v1/admin/users/lurker', WRITE_KEY)).status).toBe(403);
  });
});
