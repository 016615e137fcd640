import fc from 'fast-check';
import type { WireEvent } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { coreFactsReducer } from '../profile/core-facts.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { storedEvent } from '../storage/storage.contract.js';
import type { Storage, StoredEvent } from '../storage/storage.js';
import { createSqliteStorage } from './sqlite-storage.js';

const P = 'p1';
const USERS = ['u1', 'u2', 'u3', 'u4', 'u5'];
const ANONYMOUS = ['a1', 'a2', 'a3', 'a4'];
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T00:00:00.000Z');
const reducer = coreFactsReducer({ purchaseEvents: ['Order Completed'] });

/** One event of a server-side source: any of a few users and devices, any type, any time within 40 days. */
const call = fc.record({
  type: fc.constantFrom<WireEvent['type']>('track', 'track', 'track', 'page', 'identify', 'alias'),
  userId: fc.option(fc.constantFrom(...USERS), { nil: undefined }),
  anonymousId: fc.option(fc.constantFrom(...ANONYMOUS), { nil: undefined }),
  previousId: fc.constantFrom(...USERS, ...ANONYMOUS),
  event: fc.constantFrom('Clicked', 'Order Completed', 'Signed Up'),
  atMs: fc.integer({ min: 0, max: 40 * DAY }),
  stream: fc.constantFrom('s1', 's2', 's3'),
  revenue: fc.integer({ min: 1, max: 500 }),
});
type Call = typeof call extends fc.Arbitrary<infer T> ? T : never;

const toEvents = (calls: Call[]): StoredEvent[] =>
  calls
    .map((c, i) => ({ ...c, userId: c.type === 'alias' ? (c.userId ?? 'u1') : c.userId, i }))
    .filter((c) => c.userId !== undefined || c.anonymousId !== undefined)
    .map((c) => {
      const timestamp = new Date(T0 + c.atMs).toISOString();
      const who = { ...(c.userId ? { userId: c.userId } : {}), ...(c.anonymousId ? { anonymousId: c.anonymousId } : {}) };
      const context = { streamId: c.stream, sessionId: `${c.stream}-${Math.floor(c.atMs / DAY)}` };
      const extra: Partial<WireEvent> =
        c.type === 'alias' ? { type: 'alias', previousId: c.previousId, event: undefined }
        : c.type === 'identify' ? { type: 'identify', event: undefined, traits: { plan: `p${c.i}` } }
        : c.type === 'page' ? { type: 'page', event: undefined, name: 'Home' }
        : { event: c.event, properties: { revenue: c.revenue } };
      const e = storedEvent(`m${c.i}`, who, { ...extra, timestamp, context });
      return { ...e, timestampMs: T0 + c.atMs };
    });

/** Splits `events` at the given cut points (any order, duplicates ignored) into consecutive batches. */
const split = (events: StoredEvent[], cuts: number[]): StoredEvent[][] => {
  const at = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
  const out: StoredEvent[][] = [];
  let from = 0;
  for (const to of [...at, events.length]) if (to > from) out.push(events.slice(from, (from = to)));
  return out;
};

async function everyProfile(storage: Storage): Promise<unknown[]> {
  const reads = [...USERS.map((userId) => ({ userId })), ...ANONYMOUS.flatMap((anonymousId) => [true, false].map((followLinks) => ({ anonymousId, followLinks })))];
  return Promise.all(reads.map(async (who) => (await storage.readProfile(P, who))?.facts ?? null));
}

describe('profiles do not depend on how events are batched (server-side sources mix users)', () => {
  it('any split of a sequence into batches, and any mix of users per batch, gives the same profiles on SQLite as one batch in memory', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), async (calls, cuts) => {
        const events = toEvents(calls);
        fc.pre(events.length > 0);
        const reference = createMemoryStorage();
        await reference.commitBatch(P, events, reducer);
        const sqlite = createSqliteStorage({ path: ':memory:' });
        try {
          // Batches committed concurrently share one group transaction, as under load.
          await Promise.all(split(events, cuts).map((batch) => sqlite.commitBatch(P, batch, reducer)));
          const profiles = await everyProfile(reference);
          expect(profiles.some((facts) => facts !== null)).toBe(true);
          expect(await everyProfile(sqlite)).toEqual(profiles);
        } finally {
          await sqlite.close();
        }
      }),
      { numRuns: 200 },
    );
  }, 30_000);
});
