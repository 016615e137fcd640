import { describe, expect, it } from 'vitest';
import { coreFactsReducer } from '../profile/core-facts.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { storedEvent } from '../storage/storage.contract.js';
import type { Storage } from '../storage/storage.js';
import { updateActivity } from './update-activity.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 28, 23, 30); // 23:30 UTC: already the next day in Paris
const pause = async () => {};
const ev = (id: string, who: { userId?: string; anonymousId?: string }, ms: number, event = 'Clicked') =>
  storedEvent(id, who, { event, timestamp: new Date(ms).toISOString() });

async function project(): Promise<Storage> {
  const s = createMemoryStorage();
  await s.createProject({ id: 'p', name: 'p', writeKey: 'w', secretKey: 's' });
  return s;
}

describe('updateActivity', () => {
  it('folds only new events on each run, and ends where one full run over all events ends', async () => {
    const batches = [
      [ev('1', { anonymousId: 'a' }, T0), ev('2', { userId: 'u1' }, T0 + DAY)],
      [ev('3', { userId: 'u1', anonymousId: 'a' }, T0 + 2 * DAY), ev('4', { userId: 'u2' }, T0 + 3 * DAY, 'Unsubscribed')],
      [ev('5', { userId: 'u2' }, T0 + 9 * DAY)],
    ];
    const incremental = await project();
    const full = await project();
    const options = { timeZone: 'Europe/Paris', churnEvents: ['Unsubscribed'], pause };
    const scanned: number[] = [];
    for (const b of batches) {
      await incremental.commitBatch('p', b, coreFactsReducer());
      scanned.push((await updateActivity(incremental.segments!, 'p', options)).scanned);
      await full.commitBatch('p', b, coreFactsReducer());
    }
    expect(scanned).toEqual([2, 2, 1]);
    const once = await updateActivity(full.segments!, 'p', options);
    const stored = await incremental.segments!.readActivity('p', { afterKey: '', limit: 10 });
    expect(stored).toEqual([...once.users].map(([key, a]) => ({ key, ...a })).sort((x, y) => (x.key < y.key ? -1 : 1)));
    // Paris days: T0 is 29 March there; the anonymous history joined u1; the churn signal is not activity.
    const day = (ms: number) => Math.floor((ms + 2 * 3_600_000) / DAY);
    expect(stored).toEqual([
      { key: 'u:u1', first: day(T0), days: [day(T0), day(T0 + DAY), day(T0 + 2 * DAY)] },
      { key: 'u:u2', first: day(T0 + 3 * DAY), days: [day(T0 + 9 * DAY)] },
    ]);
    expect(await incremental.segments!.readActivityMark('p')).toEqual({ seq: 5, timeZone: 'Europe/Paris' });
  });

  it('refolds every event when the time zone changes', async () => {
    const s = await project();
    await s.commitBatch('p', [ev('1', { userId: 'u' }, T0)], coreFactsReducer());
    const paris = await updateActivity(s.segments!, 'p', { timeZone: 'Europe/Paris', churnEvents: [], pause });
    const utc = await updateActivity(s.segments!, 'p', { timeZone: 'UTC', churnEvents: [], pause });
    expect(utc.scanned).toBe(1);
    expect(paris.users.get('u:u')!.first - utc.users.get('u:u')!.first).toBe(1);
  });
});
