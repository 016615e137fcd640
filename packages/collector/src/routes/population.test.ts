import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADAPTERS, createFixture, iso, NOW_MS, type Fixture } from '../app.fixture.js';
import { recomputeProject } from '../segments/recompute-project.js';
import { simulateBgNbd } from '../segments/simulate-bgnbd.fixture.js';

const DAY = 86_400_000;
/** NOW_MS is 2026-11-25 12:00 UTC (a Wednesday). */
const at = (daysAgo: number) => iso(NOW_MS - daysAgo * DAY);
const ev = (id: string, who: Record<string, string>, daysAgo: number, event = 'Article Read') => ({ type: 'track', event, messageId: id, timestamp: at(daysAgo), ...who });

describe.each(ADAPTERS)('population routes on %s', (adapter) => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture(adapter);
    await f.admin('PUT', '/v1/admin/config', undefined, { segments: { readers: { event: 'Article Read', atLeast: 2 } } });
    const batch = [
      ev('m1', { userId: 'u1' }, 10), ev('m2', { userId: 'u1' }, 9), ev('m3', { userId: 'u1' }, 2),
      ev('m4', { userId: 'u2' }, 1, 'Order Completed'),
      ev('m5', { anonymousId: 'a1' }, 3), { type: 'identify', messageId: 'm6', userId: 'u3', anonymousId: 'a1', timestamp: at(1) },
      ev('m7', { userId: 'u3' }, 0),
      ev('m8', { userId: 'u4' }, 20), ev('m9', { userId: 'u4' }, 20.5, 'Video Played'),
    ];
    const res = await f.post('/v1/batch', { batch });
    expect((await res.json()) as unknown).toMatchObject({ accepted: batch.length });
  });
  afterEach(() => f.close());

  const get = async (path: string) => {
    const res = await f.admin('GET', path);
    if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it('answers PostHog lifecycle per day, computed on demand, with the status mix of the snapshot day', async () => {
    const body = await get('/v1/admin/analytics/lifecycle?interval=day&from=2026-11-14&to=2026-11-25');
    expect(body).toMatchObject({ interval: 'day', timeZone: 'UTC', from: '2026-11-14', to: '2026-11-25', configVersion: 1 });
    const byDay = Object.fromEntries((body.periods as Array<Record<string, unknown>>).map((p) => [p.start, [p.new, p.returning, p.resurrecting, p.dormant]]));
    expect(byDay['2026-11-15']).toEqual([1, 0, 0, 0]); // u1 new (10 days ago)
    expect(byDay['2026-11-16']).toEqual([0, 1, 0, 0]); // u1 returning
    expect(byDay['2026-11-17']).toEqual([0, 0, 0, 1]); // u1 dormant
    expect(byDay['2026-11-22']).toEqual([1, 0, 0, 0]); // a1 (now u3) new
    expect(byDay['2026-11-23']).toEqual([0, 0, 1, 1]); // u1 resurrecting, u3 dormant
    expect(byDay['2026-11-24']).toEqual([1, 0, 0, 1]); // u2 new; u1 dormant (u3 only identified: not activity)
    expect(byDay['2026-11-25']).toEqual([0, 0, 1, 1]); // u3 resurrecting; u2 dormant
    const today = (body.periods as Array<Record<string, any>>).at(-1)!; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(Object.values(today.statuses as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(4);
    expect((body.periods as Array<Record<string, unknown>>)[0]!.statuses).toBeNull();
    expect((await f.admin('GET', '/v1/admin/analytics/lifecycle?interval=year')).status).toBe(400);
    expect((await f.admin('GET', '/v1/admin/analytics/lifecycle?from=2026-02-30')).status).toBe(400);
  });

  it('answers weekly retention on any activity and on a chosen event', async () => {
    const any = await get('/v1/admin/analytics/retention?interval=week&periods=4');
    const cohort = (body: Record<string, any>, start: string) => (body.cohorts as Array<Record<string, unknown>>).find((c) => c.start === start); // eslint-disable-line @typescript-eslint/no-explicit-any
    // Week of 9 Nov: u1 (15 Nov, Sunday); week of 16 Nov: a1/u3 (22 Nov), u1 active 16 Nov; week of 23 Nov: u2.
    expect(cohort(any, '2026-11-09')).toMatchObject({ size: 1, bounded: [1, 1, 1], unbounded: [1, 1, 1] });
    expect(cohort(any, '2026-11-16')).toMatchObject({ size: 1, bounded: [1, 1], unbounded: [1, 1] });
    expect(cohort(any, '2026-11-23')).toMatchObject({ size: 1, bounded: [1], boundedRate: [1] });
    expect(cohort(any, '2026-11-02')).toMatchObject({ size: 1, bounded: [1, 0, 0, 0] }); // u4
    const orders = await get('/v1/admin/analytics/retention?interval=week&periods=4&event=Order%20Completed');
    expect(orders.event).toBe('Order Completed');
    expect(cohort(orders, '2026-11-09')).toMatchObject({ size: 1, bounded: [1, 0, 0] });
  });

  it('answers personas, snapshots, transitions and members; status reads carry the population fields', async () => {
    const personas = await get('/v1/admin/analytics/personas');
    expect(personas.users).toBe(4);
    expect((personas.personas as Array<{ size: number }>).reduce((s, p) => s + p.size, 0)).toBe(4);
    expect(personas.features).toContain('recencyDays');
    await f.get('/v1/status?userId=u1');
    await new Promise((r) => setTimeout(r, 20)); // the index loads in the background
    const status = (await (await f.get('/v1/status?userId=u1')).json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(status.population.persona.id).toMatch(/^p\d$/);
    expect(status.population.asOf).toBe(new Date(NOW_MS).toISOString());

    // Two days later u1 has gone quiet: a second snapshot, and the transitions between them.
    f.clock.nowMs = NOW_MS + 2 * DAY;
    await recomputeProject(f.storage, 'p1', { nowMs: f.clock.nowMs });
    const t = await get('/v1/admin/analytics/transitions?from=2026-11-25&to=2026-11-27');
    expect(t).toMatchObject({ from: '2026-11-25', to: '2026-11-27' });
    const total = (m: Record<string, Record<string, number>>) => Object.values(m).flatMap((r) => Object.values(r)).reduce((s, n) => s + n, 0);
    expect(total(t.statuses)).toBe(4);
    expect(t.sizes.map((s: { day: string }) => s.day)).toEqual(['2026-11-25', '2026-11-27']);
    expect(t.segments.readers).toEqual({ stayed: 2, entered: 0, left: 0 }); // u1 (3 reads) and u3 (a1's read + its own)

    const members = await get('/v1/admin/analytics/segments/readers/members');
    expect(members).toMatchObject({ segment: 'readers', asOf: '2026-11-27', nextCursor: null });
    expect(members.members.map((m: { userId: string }) => m.userId)).toEqual(['u1', 'u3']);
    const paged = await get('/v1/admin/analytics/segments/persona:p1/members?limit=1');
    expect(paged.members).toHaveLength(1);
    expect(paged.nextCursor).toBe(paged.members[0].key);
    const res = await f.app.request('/v1/admin/analytics/segments/status:churned/members', { headers: { authorization: `Bearer sk_test`, accept: 'text/csv' } });
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('key,userId,anonymousId,status,rfm,pAlive,persona');
    expect(lines.slice(1).every((l) => l.includes(',churned,'))).toBe(true);
    const nd = await f.app.request('/v1/admin/analytics/segments/status:new/members', { headers: { authorization: `Bearer sk_test`, accept: 'application/x-ndjson' } });
    expect(nd.headers.get('content-type')).toBe('application/x-ndjson');
    for (const line of (await nd.text()).trim().split('\n').filter(Boolean)) expect(JSON.parse(line)).toMatchObject({ status: 'new' });
  });

  it('answers RFM and churn risk from the purchase models; status reads carry the RFM group and P(alive)', async () => {
    // 200 customers drawn from a known BG/NBD (CDNOW's parameters), their purchases spread over each history.
    const buys: object[] = [];
    simulateBgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 200, 7, [10, 40]).forEach((c, i) => {
      const days = new Set([0, ...Array.from({ length: c.x }, (_, j) => Math.round(((j + 1) / c.x) * c.tx * 7))]);
      for (const d of days) buys.push({ ...ev(`b${i}-${d}`, { userId: `c${i}` }, c.T * 7 - d, 'Order Completed'), properties: { revenue: 10 + (i % 7) * 5 } });
    });
    for (let i = 0; i < buys.length; i += 900) expect((await f.post('/v1/batch', { batch: buys.slice(i, i + 900) })).status).toBe(200);
    const rfm = await get('/v1/admin/analytics/rfm');
    expect(rfm.customers).toBe(201); // the 200 and u2
    expect(rfm.groups.reduce((s: number, g: { count: number }) => s + g.count, 0)).toBe(201);
    expect(rfm.scores.grid.flat().reduce((s: number, n: number) => s + n, 0)).toBe(201);
    expect(rfm.scores.r.reduce((s: number, n: number) => s + n, 0)).toBe(201);
    const churn = await get('/v1/admin/analytics/churn');
    expect(churn).toMatchObject({ unit: 'week', horizon: 52, customers: 201 });
    expect(churn.byRule.bgnbd.active + churn.byRule.bgnbd['at-risk'] + churn.byRule.bgnbd.churned + churn.byRule.cadence.active +
      churn.byRule.cadence['at-risk'] + churn.byRule.cadence.churned + churn.byRule.cadence.unknown + churn.byRule.bgnbd.unknown).toBe(201);
    expect(churn.bgnbd.r).toBeGreaterThan(0); // fitted on the facts' purchase days
    expect(churn.pAliveHistogram.reduce((s: number, n: number) => s + n, 0)).toBe(churn.byRule.bgnbd.active + churn.byRule.bgnbd['at-risk'] + churn.byRule.bgnbd.churned);
    expect(JSON.stringify(churn)).not.toContain('NaN');
    const repeat = churn.atRisk.find((c: { rule: string }) => c.rule === 'bgnbd')?.key.slice(2) ?? 'c0';
    await f.get(`/v1/status?userId=${repeat}`);
    await new Promise((r) => setTimeout(r, 20));
    const status = (await (await f.get(`/v1/status?userId=${repeat}`)).json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(typeof status.population.rfm).toBe('string');
    expect(status.population.pAlive).toBeGreaterThanOrEqual(0);
    expect(status.population.pAlive).toBeLessThan(1);
    const group = status.population.rfm as string;
    const members = await get(`/v1/admin/analytics/segments/${encodeURIComponent(`rfm:${group}`)}/members`);
    expect(members.members.map((m: { userId: string }) => m.userId)).toContain(repeat);
  });

  it('needs the secret key', async () => {
    expect((await f.get('/v1/admin/analytics/lifecycle')).status).toBe(403);
  });
});
