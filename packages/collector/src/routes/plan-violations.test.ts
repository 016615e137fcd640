import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, createFixture, exportedEvents, iso, NOW_MS, type Fixture } from '../app.fixture.js';

const plan = {
  events: {
    'Signed Up': { properties: { plan: { type: 'string', required: true, values: ['free', 'pro'] }, seats: { type: 'integer' } } },
  },
};
const ev = (messageId: string, event: string, properties?: Record<string, unknown>) =>
  ({ type: 'track', event, messageId, userId: 'ann', timestamp: iso(NOW_MS - 1000), ...(properties && { properties }) });
const batch = [
  ev('ok-1', 'Signed Up', { plan: 'pro', seats: 2 }),
  ev('bad-value', 'Signed Up', { plan: 'gold' }),
  ev('bad-name', 'Signed Upp', { plan: 'pro' }),
  ev('bad-type', 'Signed Up', { plan: 'free', seats: 'two' }),
  ev('sdk-own', 'session_start', { sessionCount: 1 }),
  { type: 'page', name: 'Home', messageId: 'page-1', userId: 'ann', timestamp: iso(NOW_MS - 1000), planViolations: ['forged'] },
];

describe.each(ADAPTERS)('tracking plan at ingest (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());

  const withPlan = async (onViolation?: 'reject' | 'flag') => {
    f = await createFixture(adapter);
    const put = await f.admin('PUT', '/v1/admin/config', undefined, { plan: { ...plan, ...(onViolation && { onViolation }) } });
    expect(put.status).toBe(200);
  };
  const violations = async () => ((await (await f.admin('GET', '/v1/admin/plan/violations')).json()) as { violations: Array<Record<string, unknown>>; plan: unknown });

  it('rejects violating events with the reason (the default), stores the rest, counts per event name', async () => {
    await withPlan();
    const res = await f.post('/v1/batch', { batch });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; rejected: Array<{ index: number; messageId: string; reason: string }> };
    expect(body.accepted).toBe(3);
    expect(body.rejected).toEqual([
      { index: 1, messageId: 'bad-value', reason: 'tracking plan: property "plan" must be one of "free", "pro"' },
      { index: 2, messageId: 'bad-name', reason: 'tracking plan: event "Signed Upp" is not in the tracking plan' },
      { index: 3, messageId: 'bad-type', reason: 'tracking plan: property "seats" must be an integer' },
    ]);
    const stored = await exportedEvents(f, 'ann');
    expect(stored.map((e) => e.messageId).sort()).toEqual(['ok-1', 'page-1', 'sdk-own']);
    // Only the collector flags: what a client sent under that name is not kept.
    expect(stored.find((e) => e.messageId === 'page-1')).not.toHaveProperty('planViolations');
    const v = await violations();
    expect(v.plan).toEqual({ events: 1, onViolation: 'reject', allowUnplannedEvents: false });
    expect(v.violations).toEqual([
      { event: 'Signed Up', flagged: 0, rejected: 2, lastReasons: ['property "seats" must be an integer'], lastAt: iso(NOW_MS) },
      { event: 'Signed Upp', flagged: 0, rejected: 1, lastReasons: ['event "Signed Upp" is not in the tracking plan'], lastAt: iso(NOW_MS) },
    ]);
    const metrics = await (await f.app.request('/metrics')).text();
    expect(metrics).toContain('waymark_plan_violations_total{project="p1",event="Signed Up",action="rejected"} 2');
    expect(metrics).toContain('waymark_plan_violations_total{project="p1",event="Signed Upp",action="rejected"} 1');
  });

  it('stores violating events flagged with their violations when the plan says flag', async () => {
    await withPlan('flag');
    const body = (await (await f.post('/v1/batch', { batch })).json()) as { accepted: number; rejected: unknown[] };
    expect(body).toMatchObject({ accepted: 6, rejected: [] });
    const stored = new Map((await exportedEvents(f, 'ann')).map((e) => [e.messageId, e]));
    expect(stored.get('bad-value')?.planViolations).toEqual(['property "plan" must be one of "free", "pro"']);
    expect(stored.get('bad-name')?.planViolations).toEqual(['event "Signed Upp" is not in the tracking plan']);
    expect(stored.get('ok-1')).not.toHaveProperty('planViolations');
    expect((await violations()).violations).toMatchObject([{ event: 'Signed Up', flagged: 2, rejected: 0 }, { event: 'Signed Upp', flagged: 1, rejected: 0 }]);
  });

  it('a single-event route answers 400 with the plan reason', async () => {
    await withPlan();
    const res = await f.post('/v1/track', ev('single', 'Signed Up', { plan: 'gold' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { reason: string }).reason).toMatch(/^tracking plan: property "plan"/);
  });

  it('checks nothing without a plan, and refuses a malformed plan', async () => {
    f = await createFixture(adapter);
    expect(((await (await f.post('/v1/batch', { batch })).json()) as { accepted: number }).accepted).toBe(6);
    expect(await violations()).toMatchObject({ plan: null, violations: [] });
    const bad = await f.admin('PUT', '/v1/admin/config', undefined, { plan: { events: { A: { properties: { n: { type: 'number', values: ['x'] } } } } } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { reason: string }).reason).toMatch(/values must match/);
  });
});
