import fc from 'fast-check';
import type { WireEvent } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { applyBatch } from './apply-batch.js';
import { anonymousKey, userKey } from './batch-tx.js';
import { createMemoryStorage } from './memory-storage.js';
import { batchKeys, createPrefetchedTx } from './prefetched-batch-tx.js';
import { seenReducer, storedEvent } from './storage.contract.js';
import type { FactsValue, StoredEvent } from './storage.js';

const USERS = ['u1', 'u2', 'u3'];
const ANONYMOUS = ['a1', 'a2'];

/** An async-style adapter in miniature: prefetch by the rule pg-commit-batch.ts uses, fold, apply the write plan. */
function prefetchingStore() {
  const messageIds = new Set<string>();
  const links = new Map<string, string>();
  const profiles = new Map<string, { facts: FactsValue; version: number }>();
  return {
    commit(events: StoredEvent[]) {
      const keys = new Set(batchKeys(events));
      const inserted = new Set<string>();
      for (const e of events) if (!messageIds.has(e.messageId)) messageIds.add(e.messageId), inserted.add(e.messageId);
      const read = new Map([...keys].filter((k) => links.has(k)).map((k) => [k, links.get(k)!]));
      for (const target of read.values()) keys.add(userKey(target));
      const { tx, writes } = createPrefetchedTx({
        keys, inserted, links: read, profiles: new Map([...keys].filter((k) => profiles.has(k)).map((k) => [k, profiles.get(k)!])),
      });
      applyBatch(tx, events, seenReducer);
      for (const [k, p] of writes.profiles) p ? profiles.set(k, p) : profiles.delete(k);
      for (const w of writes.links) {
        if (w.op === 'put') links.set(`${w.kind}:${w.id}`, w.userId);
        else for (const [k, u] of links) if (u === w.from) links.set(k, w.to);
      }
    },
    read(who: { userId: string } | { anonymousId: string; followLinks: boolean }) {
      const key = 'userId' in who ? userKey(links.get(userKey(who.userId)) ?? who.userId)
        : who.followLinks && links.has(anonymousKey(who.anonymousId)) ? userKey(links.get(anonymousKey(who.anonymousId))!) : anonymousKey(who.anonymousId);
      return profiles.get(key)?.facts ?? null;
    },
  };
}

const call = fc.record({
  type: fc.constantFrom<WireEvent['type']>('track', 'track', 'identify', 'alias'),
  userId: fc.option(fc.constantFrom(...USERS), { nil: undefined }),
  anonymousId: fc.option(fc.constantFrom(...ANONYMOUS), { nil: undefined }),
  previousId: fc.constantFrom(...USERS, ...ANONYMOUS),
  messageId: fc.integer({ min: 0, max: 30 }),
});

describe('createPrefetchedTx', () => {
  it('gives applyBatch exactly what a synchronous store gives, batch after batch, from the prefetched keys alone', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.array(call, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), async (batches) => {
      const memory = createMemoryStorage();
      const store = prefetchingStore();
      for (const calls of batches) {
        const events = calls.filter((c) => c.userId || c.anonymousId || c.type === 'alias').map((c) => storedEvent(`m${c.messageId}`,
          { ...(c.userId || c.type === 'alias' ? { userId: c.userId ?? 'u1' } : {}), ...(c.anonymousId ? { anonymousId: c.anonymousId } : {}) },
          c.type === 'alias' ? { type: 'alias', previousId: c.previousId, event: undefined } : c.type === 'identify' ? { type: 'identify', event: undefined } : {}));
        await memory.commitBatch('p', events, seenReducer);
        store.commit(events); // throws if applyBatch reads a key the prefetch rule missed
      }
      const reads = [...USERS.map((userId) => ({ userId })), ...ANONYMOUS.flatMap((anonymousId) => [true, false].map((followLinks) => ({ anonymousId, followLinks })))];
      for (const who of reads) expect(store.read(who), JSON.stringify(who)).toEqual((await memory.readProfile('p', who))?.facts ?? null);
    }), { numRuns: 500 });
  });
});
