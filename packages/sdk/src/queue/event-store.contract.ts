/** Contract every EventStore adapter passes (run by memory-event-store.test.ts and idb-storage.test.ts). */
import { describe, expect, it } from 'vitest';
import type { EventStore, StoredEvent } from '../ports.js';

export const storedEvent = (n: number, bytes = 100): StoredEvent => ({
  id: `m-${n}`,
  order: 1_000 + n,
  bytes,
  json: JSON.stringify({ type: 'track', messageId: `m-${n}`, event: `e${n}`, anonymousId: 'a', timestamp: new Date(n).toISOString(), properties: { n } }),
});

export interface ContractOptions {
  /** Returns the same store as a new page would see it (durable adapters), or undefined. */
  reopen?: (store: EventStore) => Promise<EventStore>;
}

export function eventStoreContract(name: string, create: () => Promise<EventStore>, options: ContractOptions = {}): void {
  describe(`EventStore contract: ${name}`, () => {
    it('starts empty', async () => {
      const store = await create();
      expect(await store.stats()).toEqual({ count: 0, bytes: 0, dropped: 0 });
      expect(await store.oldest(10)).toEqual([]);
    });

    it('lists the oldest events first, up to the limit, with their content intact', async () => {
      const store = await create();
      await store.add([storedEvent(1), storedEvent(2)]);
      await store.add([storedEvent(3)]);
      expect(await store.oldest(2)).toEqual([storedEvent(1), storedEvent(2)]);
      expect((await store.oldest(10)).map((e) => e.id)).toEqual(['m-1', 'm-2', 'm-3']);
    });

    it('keeps the first copy of an id added twice and counts it once', async () => {
      const store = await create();
      await store.add([storedEvent(1, 10)]);
      await store.add([{ ...storedEvent(1, 999), order: 5 }, storedEvent(2, 20)]);
      expect(await store.stats()).toEqual({ count: 2, bytes: 30, dropped: 0 });
      expect((await store.oldest(1))[0]).toEqual(storedEvent(1, 10));
    });

    it('removes by id, ignoring unknown ids, and keeps the byte total exact', async () => {
      const store = await create();
      await store.add([storedEvent(1, 10), storedEvent(2, 20), storedEvent(3, 30)]);
      await store.remove(['m-2', 'missing']);
      expect(await store.stats()).toEqual({ count: 2, bytes: 40, dropped: 0 });
      expect((await store.oldest(10)).map((e) => e.id)).toEqual(['m-1', 'm-3']);
      await store.remove(['m-2']);
      expect((await store.stats()).bytes).toBe(40);
    });

    it('counts drops until they are reported', async () => {
      const store = await create();
      await store.add([storedEvent(1), storedEvent(2)]);
      await store.remove(['m-1'], 1);
      await store.remove([], 2);
      expect(await store.stats()).toEqual({ count: 1, bytes: 100, dropped: 3 });
      await store.remove([], -2);
      expect((await store.stats()).dropped).toBe(1);
      await store.remove([], -5);
      expect((await store.stats()).dropped).toBe(0);
    });

    it('clears everything', async () => {
      const store = await create();
      await store.add([storedEvent(1), storedEvent(2)]);
      await store.remove([], 4);
      await store.clear();
      expect(await store.stats()).toEqual({ count: 0, bytes: 0, dropped: 0 });
    });

    it('orders by the order key, not by insertion, when several writers interleave', async () => {
      const store = await create();
      await store.add([storedEvent(1)]);
      await store.add([storedEvent(3)]);
      await store.add([storedEvent(2)]);
      const ids = (await store.oldest(10)).map((e) => e.id);
      expect(new Set(ids)).toEqual(new Set(['m-1', 'm-2', 'm-3']));
      if (options.reopen) expect(ids).toEqual(['m-1', 'm-2', 'm-3']);
    });

    if (options.reopen) {
      const reopen = options.reopen;
      it('keeps events and totals across a reload', async () => {
        const store = await create();
        await store.add([storedEvent(1, 10), storedEvent(2, 20)]);
        await store.remove(['m-1'], 1);
        const again = await reopen(store);
        expect(await again.stats()).toEqual({ count: 1, bytes: 20, dropped: 1 });
        expect(await again.oldest(5)).toEqual([storedEvent(2, 20)]);
      });
    }
  });
}
