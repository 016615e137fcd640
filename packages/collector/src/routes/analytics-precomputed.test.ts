import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, createFixture, iso, NOW_MS, SECRET_KEY, track, type Fixture } from '../app.fixture.js';
import { recomputeProject } from '../segments/recompute-project.js';

const DAY = 86_400_000;
const config = {
  checklists: [{ id: 'setup', steps: [{ id: 'project', event: 'Project Created' }, { id: 'invite', event: 'Teammate Invited' }] }],
  segments: { builders: { event: 'Project Created' } },
  status: { newDays: 2 },
};
type Overview = { asOf: string; configVersion: number; people: { total: number }; activity: { daily: unknown[] } };

describe.each(ADAPTERS)('GET /v1/admin/analytics/overview from the stored recompute (%s storage)', (adapter) => {
  let f: Fixture;
  let scans = 0;
  afterEach(async () => f?.close());

  /** A fixture whose storage counts the profile scans (the fold on request is the only reader here). */
  async function fixture(): Promise<Fixture> {
    f = await createFixture(adapter);
    const scan = f.storage.scanProfiles!.bind(f.storage);
    scans = 0;
    f.storage.scanProfiles = (projectId, q) => (scans++, scan(projectId, q));
    expect((await f.admin('PUT', '/v1/admin/config', SECRET_KEY, config)).status).toBe(200);
    await f.post('/v1/batch', { batch: [
      track('a1', { anonymousId: 'visitor' }, { event: 'Project Created', timestamp: iso(NOW_MS - 3 * DAY) }),
      { type: 'identify', messageId: 'a2', anonymousId: 'visitor', userId: 'ada', timestamp: iso(NOW_MS - 500) },
      track('a3', { userId: 'ada' }, { event: 'Teammate Invited' }),
      track('b1', { userId: 'bob' }, { event: 'Viewed', timestamp: iso(NOW_MS - 40 * DAY) }),
      track('c1', { anonymousId: 'lurker' }, { event: 'Viewed', timestamp: iso(NOW_MS - 2 * DAY) }),
    ] });
    return f;
  }
  const overview = async (q = '') => (await (await f.admin('GET', `/v1/admin/analytics/overview${q}`)).json()) as Overview;

  it('answers the stored result without scanning profiles, the same numbers a fold gives, cut to `days`', async () => {
    await fixture();
    await recomputeProject(f.storage, 'p1', { nowMs: NOW_MS });
    const recomputeScans = scans;
    const stored = await overview('?days=7');
    expect(scans).toBe(recomputeScans); // one stored row read, no profile scanned
    expect(stored).toMatchObject({ asOf: iso(NOW_MS), configVersion: 1, people: { total: 3 } });
    expect(stored.activity.daily).toHaveLength(7);
    expect((await overview()).activity.daily).toHaveLength(30);
    expect(scans).toBe(recomputeScans);
    expect(await overview('?days=7&fresh=1')).toEqual(stored); // a fold at the same instant agrees
    expect(scans).toBeGreaterThan(recomputeScans);
  });

  it('keeps answering the stored result (its asOf) as events arrive; fresh=1 folds, and that newer fold is answered next', async () => {
    await fixture();
    await recomputeProject(f.storage, 'p1', { nowMs: NOW_MS });
    await f.post('/v1/batch', { batch: [track('d1', { userId: 'dee' })] });
    f.clock.nowMs += 60 * 60_000;
    const before = scans;
    expect(await overview()).toMatchObject({ asOf: iso(NOW_MS), people: { total: 3 } });
    expect(scans).toBe(before);
    expect(await overview('?fresh=1')).toMatchObject({ asOf: iso(f.clock.nowMs), people: { total: 4 } });
    const folded = scans;
    expect(folded).toBeGreaterThan(before);
    expect(await overview()).toMatchObject({ asOf: iso(f.clock.nowMs), people: { total: 4 } });
    expect(scans).toBe(folded);
    // The next recompute is newer than that fold: it is answered again.
    f.clock.nowMs += 60_000;
    await recomputeProject(f.storage, 'p1', { nowMs: f.clock.nowMs });
    expect(await overview()).toMatchObject({ asOf: iso(f.clock.nowMs), people: { total: 4 } });
  });

  it('folds on request while no recompute has stored an overview', async () => {
    await fixture();
    expect(await overview()).toMatchObject({ asOf: iso(NOW_MS), people: { total: 3 } });
    expect(scans).toBeGreaterThan(0);
  });
});
