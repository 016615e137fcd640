/** Population segments end to end: the built CLI serves a real SQLite file, `recompute` runs beside it, every analytics route answers. */
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTOR_CLI, startCollector, type StartedCollector } from './support/collector.js';

const run = promisify(execFile);
const DAY = 86_400_000;

describe('population segments on the collector CLI', () => {
  let c: StartedCollector;
  const now = Date.now();
  const admin = async (path: string, accept = 'application/json') => {
    const res = await fetch(`${c.url}${path}`, { headers: { authorization: `Bearer ${c.secretKey}`, accept } });
    expect(res.status, `${path}: ${res.status}`).toBe(200);
    return res;
  };

  beforeAll(async () => {
    c = await startCollector({ env: { WAYMARK_RECOMPUTE_INTERVAL: '0' } });
    const config = { segments: { buyers: { metric: 'purchases', atLeast: 1 } }, analytics: { timeZone: 'Europe/Paris' } };
    const put = await fetch(`${c.url}/v1/admin/config`, { method: 'PUT', headers: { authorization: `Bearer ${c.secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify(config) });
    expect(put.status).toBe(200);
    // 60 users over 8 weeks: each comes back every `gap` days; a third of them buy.
    const batch = [];
    for (let u = 0; u < 60; u++) {
      const gap = 1 + (u % 9);
      const start = 56 - (u % 20);
      for (let d = start; d >= 0; d -= gap) {
        batch.push({ type: 'track', event: u % 3 === 0 && d === start ? 'Order Completed' : 'Page Viewed', userId: `user-${u}`,
          messageId: `m-${u}-${d}`, timestamp: new Date(now - d * DAY - (u % 5) * 3_600_000).toISOString(), properties: { revenue: 20 + u } });
      }
    }
    for (let i = 0; i < batch.length; i += 500) {
      const res = await fetch(`${c.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c.writeKey}` },
        body: JSON.stringify({ batch: batch.slice(i, i + 500), sentAt: new Date().toISOString() }) });
      expect(res.status).toBe(200);
    }
  });
  afterAll(async () => c?.stop());

  it('recompute runs every model on the live database and prints a summary', async () => {
    const { stdout, stderr } = await run(process.execPath, [COLLECTOR_CLI, 'recompute', '--db', c.dbPath, '--json']);
    const summary = JSON.parse(stdout) as { projects: Array<{ projectId: string; users: number; eventsScanned: number; models: Record<string, string> }> };
    expect(summary.projects).toEqual([expect.objectContaining({ projectId: 'default', users: 60, models: { personas: 'computed', rfm: 'computed', churn: 'computed' } })]);
    expect(summary.projects[0]!.eventsScanned).toBeGreaterThan(500);
    expect(stderr).toContain('activity histories');
  });

  it('answers lifecycle, retention, personas, transitions and members from the stored results', async () => {
    const lifecycle = (await (await admin('/v1/admin/analytics/lifecycle?interval=week')).json()) as { timeZone: string; periods: Array<Record<string, number>> };
    expect(lifecycle.timeZone).toBe('Europe/Paris');
    expect(lifecycle.periods).toHaveLength(12);
    const first = lifecycle.periods.reduce((s, p) => s + p.new!, 0);
    expect(first).toBe(60); // each user is new exactly once (everyone started within the 12 weeks)
    const retention = (await (await admin('/v1/admin/analytics/retention?interval=week')).json()) as { cohorts: Array<{ size: number; bounded: number[] }> };
    expect(retention.cohorts.reduce((s, co) => s + co.size, 0)).toBe(60);
    const personas = (await (await admin('/v1/admin/analytics/personas')).json()) as { users: number; personas: Array<{ size: number; name: string }> };
    expect(personas.users).toBe(60);
    expect(personas.personas.reduce((s, p) => s + p.size, 0)).toBe(60);
    const rfm = (await (await admin('/v1/admin/analytics/rfm')).json()) as { customers: number; groups: Array<{ count: number }> };
    expect(rfm.customers).toBe(20);
    expect(rfm.groups.reduce((n, g) => n + g.count, 0)).toBe(20);
    // Every buyer bought once: BG/NBD is not identified, the answer says so and the cadence rule judges them.
    const churn = (await (await admin('/v1/admin/analytics/churn')).json()) as { customers: number; bgnbd: unknown; bgnbdError: string; byRule: { cadence: Record<string, number> } };
    expect(churn).toMatchObject({ customers: 20, bgnbd: null });
    expect(churn.bgnbdError).toMatch(/BG\/NBD/);
    expect(Object.values(churn.byRule.cadence).reduce((a, b) => a + b, 0)).toBe(20);
    const transitions = (await (await admin('/v1/admin/analytics/transitions')).json()) as { sizes: Array<{ segments: Record<string, number> }> };
    expect(transitions.sizes.at(-1)!.segments.buyers).toBe(20);
    const csv = await (await admin('/v1/admin/analytics/segments/buyers/members?limit=5', 'text/csv')).text();
    expect(csv.trim().split('\n')).toHaveLength(6);
    const json = (await (await admin('/v1/admin/analytics/segments/buyers/members?limit=5')).json()) as { nextCursor: string };
    const next = (await (await admin(`/v1/admin/analytics/segments/buyers/members?cursor=${encodeURIComponent(json.nextCursor)}`)).json()) as { members: unknown[] };
    expect(next.members).toHaveLength(15);
  });

  it('joins the persona to the user\'s status answer', async () => {
    const userHash = createHmac('sha256', c.secretKey).update('user-3').digest('hex');
    const read = () => fetch(`${c.url}/v1/status?userId=user-3&userHash=${userHash}&writeKey=${c.writeKey}`).then((r) => r.json() as Promise<{ population?: { persona: { id: string } } }>);
    await read(); // loads the project's results in the background (a status read never waits for them)
    // Until the load lands (~ms when idle, longer on a busy machine): later reads carry the persona.
    await expect.poll(async () => (await read()).population?.persona.id ?? '', { timeout: 10_000, interval: 100 }).toMatch(/^p\d+$/);
  });

  it('the server recomputes on its schedule in a worker thread', async () => {
    const s = await startCollector({ env: { WAYMARK_RECOMPUTE_INTERVAL: '0.01' } }); // every 0.6 s
    try {
      const res = await fetch(`${s.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.writeKey}` },
        body: JSON.stringify({ batch: [{ type: 'track', event: 'Page Viewed', userId: 'solo', messageId: 'solo-1', timestamp: new Date().toISOString() }] }) });
      expect(res.status).toBe(200);
      const deadline = Date.now() + 10_000;
      while (!s.logs().includes('population recomputed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(s.logs()).toContain('"msg":"population recomputed"');
      const body = (await (await fetch(`${s.url}/v1/admin/analytics/lifecycle?interval=day`, { headers: { authorization: `Bearer ${s.secretKey}` } })).json()) as { periods: Array<{ new: number }> };
      expect(body.periods.at(-1)!.new).toBe(1);
    } finally {
      await s.stop();
    }
  });
});
