import fc from 'fast-check';
import { countOf, type Facts, type WireEvent } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { coreFactsReducer } from '../profile/core-facts.js';
import { createMemoryStorage } from './memory-storage.js';
import { seenReducer, storedEvent } from './storage.contract.js';
import type { Storage, StoredEvent } from './storage.js';

const P = 'p1';
const USERS = ['u1', 'u2', 'u3'];
const ANONYMOUS = ['a1', 'a2'];

/** One device's call: ids from small pools, so batches repeat ids, link, relink and alias. */
const call = fc.record({
  type: fc.constantFrom<WireEvent['type']>('track', 'track', 'track', 'identify', 'alias'),
  userId: fc.option(fc.constantFrom(...USERS), { nil: undefined }),
  anonymousId: fc.option(fc.constantFrom(...ANONYMOUS), { nil: undefined }),
  previousId: fc.constantFrom(...USERS, ...ANONYMOUS),
});

type Call = { type: WireEvent['type']; userId?: string | undefined; anonymousId?: string | undefined; previousId: string };

const toEvents = (calls: Call[]): StoredEvent[] =>
  calls
    .map((c, i) => ({ ...c, userId: c.type === 'alias' ? (c.userId ?? 'u1') : c.userId, i }))
    .filter((c) => c.userId !== undefined || c.anonymousId !== undefined)
    .map((c) => storedEvent(`m${c.i}`, { ...(c.userId ? { userId: c.userId } : {}), ...(c.anonymousId ? { anonymousId: c.anonymousId } : {}) },
      c.type === 'alias' ? { type: 'alias', previousId: c.previousId, event: undefined } : c.type === 'identify' ? { type: 'identify', event: undefined } : {}));

async function everyProfile(storage: Storage): Promise<unknown[]> {
  const reads = [...USERS.map((userId) => ({ userId })), ...ANONYMOUS.flatMap((anonymousId) => [true, false].map((followLinks) => ({ anonymousId, followLinks })))];
  return Promise.all(reads.map(async (who) => (await storage.readProfile(P, who))?.facts ?? null));
}

describe('applyBatch', () => {
  it('gives every profile the same events whether a sequence comes in one batch or one event at a time', async () => {
    await fc.assert(fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 12 }), async (calls) => {
      const events = toEvents(calls);
      const batched = createMemoryStorage();
      const single = createMemoryStorage();
      await batched.commitBatch(P, events, seenReducer);
      for (const e of events) await single.commitBatch(P, [e], seenReducer);
      expect(await everyProfile(batched)).toEqual(await everyProfile(single));
    }), { numRuns: 2_000 });
  });

  it('counts an alias that arrives before the device\'s identify once (RudderStack sends events concurrently)', async () => {
    const storage = createMemoryStorage();
    const reducer = coreFactsReducer();
    const device = { anonymousId: 'a1' }; // no streamId: the source is "<library>:a1" for every event of the device
    const order = [
      storedEvent('t1', device), storedEvent('t2', device),
      storedEvent('al', { ...device, userId: 'u1' }, { type: 'alias', previousId: 'legacy', event: undefined }),
      storedEvent('id', { ...device, userId: 'u1' }, { type: 'identify', event: undefined }),
    ];
    for (const e of order) await storage.commitBatch(P, [e], reducer);
    expect(countOf((await storage.readProfile(P, { userId: 'u1' }))!.facts as Facts, 'events')).toBe(4);
  });
});
