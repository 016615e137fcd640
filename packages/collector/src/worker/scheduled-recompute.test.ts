/**
 * The Worker's Cron Trigger in workerd (Miniflare): the scheduled handler recomputes every project's population
 * results in the Durable Object (recomputeProject, as the Node CLI's `recompute`), so the analytics routes answer
 * from what the cron stored and status reads carry the population fields.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { basic } from '../app.fixture.js';
import { userHash } from '../auth.js';
import { bundleWorker, startWorker } from './miniflare.fixture.js';

const WRITE_KEY = 'wk_cron';
const SECRET_KEY = 'sk_cron';
const mf = startWorker((await bundleWorker()).code, { WAYMARK_WRITE_KEY: WRITE_KEY, WAYMARK_SECRET_KEY: SECRET_KEY, WAYMARK_IDENTITY_VERIFICATION: '1' });
afterAll(() => mf.dispose());

const BASE = 'http://collector.test';
const DAY = 86_400_000;
const nowMs = Date.now();
const at = (daysAgo: number) => new Date(nowMs - daysAgo * DAY).toISOString();
const ev = (id: string, userId: string, daysAgo: number, event = 'Article Read', properties?: object) =>
  ({ type: 'track', event, messageId: id, userId, timestamp: at(daysAgo), ...(properties ? { properties } : {}) });
const send = async (batch: object[]) => {
  const res = await mf.dispatchFetch(`${BASE}/v1/batch`, {
    method: 'POST', headers: { authorization: basic(WRITE_KEY), 'content-type': 'application/json' }, body: JSON.stringify({ batch }),
  });
  expect(await res.json()).toMatchObject({ accepted: batch.length });
};
const admin = async (path: string) => {
  const res = await mf.dispatchFetch(`${BASE}${path}`, { headers: { authorization: basic(SECRET_KEY) } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};
/** Miniflare's Fetcher, as far as the test uses it (its declared type needs @cloudflare/workers-types, not compiled here). */
type ScheduledFetcher = { scheduled(options: { cron: string; scheduledTime: Date }): Promise<{ outcome: string }> };
const cron = async () => {
  const worker = (await mf.getWorker()) as unknown as ScheduledFetcher;
  // Resolves once the handler and what it passed to waitUntil have finished.
  return worker.scheduled({ cron: '*/30 * * * *', scheduledTime: new Date() });
};
const lifecycleToday = async () => ((await admin('/v1/admin/analytics/lifecycle?interval=day')).periods as Array<Record<string, any>>).at(-1)!; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('scheduled population recompute on the Worker', () => {
  it('recomputes on the cron: lifecycle, RFM and the status population field answer from its results', async () => {
    // Six customers with purchases on several days (RFM needs five), and two readers.
    const batch: object[] = [];
    for (let c = 0; c < 6; c++) {
      for (const d of [28 - c * 4, 14 - c, c]) batch.push(ev(`o${c}-${d}`, `c${c}`, d, 'Order Completed', { revenue: 10 + c * 15 }));
    }
    batch.push(ev('r1', 'reader-1', 3), ev('r2', 'reader-1', 1), ev('r3', 'reader-2', 2));
    await send(batch);

    expect((await cron()).outcome).toBe('ok');
    const first = await admin('/v1/admin/analytics/lifecycle?interval=day');
    expect(Date.parse(first.computedAt as string)).toBeGreaterThanOrEqual(nowMs - 1000);
    const newUsers = (first.periods as Array<{ new: number }>).reduce((s, p) => s + p.new, 0);
    expect(newUsers).toBe(8);

    const rfm = await admin('/v1/admin/analytics/rfm');
    expect(rfm.customers).toBe(6);
    expect((rfm.groups as Array<{ count: number }>).reduce((s, g) => s + g.count, 0)).toBe(6);

    // The status read loads the population index in the background after the run: the second read carries it.
    const status = async () => {
      const res = await mf.dispatchFetch(`${BASE}/v1/status?userId=c5&userHash=${await userHash(SECRET_KEY, 'c5')}`, { headers: { authorization: basic(WRITE_KEY) } });
      return (await res.json()) as { population?: { rfm?: string; asOf: string } };
    };
    let population = (await status()).population;
    // Polled until a deadline, not a count of reads: the load is a few workerd round trips, slow on a busy machine.
    for (const until = Date.now() + 10_000; !population && Date.now() < until; ) population = (await new Promise((r) => setTimeout(r, 25)), await status()).population;
    expect(typeof population?.rfm).toBe('string');
    expect(population?.asOf).toBe(first.computedAt);

    // A new user arrives: the routes keep answering the stored results until the next cron run picks it up.
    await send([ev('n1', 'newcomer', 0)]);
    expect((await lifecycleToday()).new).toBe(first.periods.at(-1).new);
    expect((await cron()).outcome).toBe('ok');
    expect((await lifecycleToday()).new).toBe(first.periods.at(-1).new + 1);
  });
});
