/** The edge keeps the collector's guarantees: no lost profile update under concurrent batches, a retried batch counted once. */
import { countOf, type Facts } from '@waymark/core';
import { afterAll, describe, expect, it } from 'vitest';
import { basic } from '../app.fixture.js';
import { userHash } from '../auth.js';
import { bundleWorker, startWorker } from './miniflare.fixture.js';

const WRITE_KEY = 'wk_edge';
const SECRET_KEY = 'sk_edge';
const mf = startWorker((await bundleWorker()).code, { WAYMARK_WRITE_KEY: WRITE_KEY, WAYMARK_SECRET_KEY: SECRET_KEY, WAYMARK_IDENTITY_VERIFICATION: '1' });
afterAll(() => mf.dispose());

const BASE = 'http://collector.test';
const batchOf = (userId: string, prefix: string, n: number) => ({
  sentAt: new Date().toISOString(),
  batch: Array.from({ length: n }, (_, i) => ({ type: 'track', event: 'Viewed', messageId: `${prefix}-${i}`, userId, timestamp: new Date().toISOString() })),
});
const send = (body: unknown, signal?: AbortSignal) => mf.dispatchFetch(`${BASE}/v1/batch`, {
  method: 'POST', headers: { authorization: basic(WRITE_KEY), 'content-type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}),
});
const eventsInProfile = async (userId: string) => {
  const res = await mf.dispatchFetch(`${BASE}/v1/status?userId=${userId}&userHash=${await userHash(SECRET_KEY, userId)}`, { headers: { authorization: basic(WRITE_KEY) } });
  return countOf(((await res.json()) as { facts: Facts }).facts, 'events');
};
const storedMessageIds = async (userId: string) => {
  const res = await mf.dispatchFetch(`${BASE}/v1/admin/users/${userId}/export`, { headers: { authorization: basic(SECRET_KEY) } });
  const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { type: string; event?: { messageId: string } });
  return lines.filter((l) => l.type === 'event').map((l) => l.event!.messageId);
};

describe('WaymarkCollector guarantees in workerd', () => {
  it('counts exactly 500 in the profile after 10 batches of 50 events for one user sent at once', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, b) => send(batchOf('hot-user', `c${b}`, 50))));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Array<{ accepted: number }>;
    expect(bodies.reduce((sum, b) => sum + b.accepted, 0)).toBe(500);
    expect(await eventsInProfile('hot-user')).toBe(500);
    expect(new Set(await storedMessageIds('hot-user')).size).toBe(500);
  });

  it('counts a batch retried after a lost answer once, in the profile and in the events table', async () => {
    const body = batchOf('retry-user', 'r', 40);
    // The first attempt's answer is lost: the client gives up on it while the object may still be storing it.
    const lost = new AbortController();
    const first = send(body, lost.signal).catch(() => undefined);
    lost.abort();
    await first;
    const retried = await send(body);
    expect(retried.status).toBe(200);
    // And once more, the way a client retries when a 200 never arrived.
    const again = await send(body);
    const answer = (await again.json()) as { accepted: number; duplicates: string[] };
    expect(answer).toMatchObject({ accepted: 0 });
    expect(answer.duplicates).toHaveLength(40);
    expect(await eventsInProfile('retry-user')).toBe(40);
    const stored = await storedMessageIds('retry-user');
    expect(stored).toHaveLength(40);
    expect(new Set(stored).size).toBe(40);
  });
});
