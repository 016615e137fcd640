// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventStoreContract, storedEvent } from '../queue/event-store.contract.js';
import { createIdbStorage } from './idb-storage.js';

let n = 0;
const freshName = () => `waymark-test-${++n}`;
const names = new WeakMap<object, string>();

eventStoreContract(
  'IndexedDB',
  async () => {
    const name = freshName();
    const { events } = createIdbStorage(name);
    names.set(events, name);
    return events;
  },
  { reopen: async (store) => createIdbStorage(names.get(store)!).events },
);

describe('IndexedDB storage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('shares one database between the queue and the key-value store, without mixing them', async () => {
    const name = freshName();
    const { events, kv } = createIdbStorage(name);
    await kv.set('snapshot', { status: 'new', n: [1, 2] });
    await events.add([storedEvent(1)]);
    const again = createIdbStorage(name);
    expect(await again.kv.get('snapshot')).toEqual({ status: 'new', n: [1, 2] });
    expect(await again.kv.get('missing')).toBeUndefined();
    expect((await again.events.stats()).count).toBe(1);
    await again.kv.delete('snapshot');
    expect(await kv.get('snapshot')).toBeUndefined();
  });

  it('rejects (for the fallback to handle) when IndexedDB is missing', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const { events, kv } = createIdbStorage(freshName());
    await expect(events.add([storedEvent(1)])).rejects.toThrow();
    await expect(kv.get('x')).rejects.toThrow();
  });

  it('reopens after the connection was lost instead of failing for good', async () => {
    const name = freshName();
    const open = vi.spyOn(indexedDB, 'open');
    const { events } = createIdbStorage(name);
    await events.add([storedEvent(1)]);
    // WebKit's lost connection: the next transaction on the old handle throws InvalidStateError.
    const original = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function () {
      IDBDatabase.prototype.transaction = original;
      throw new DOMException('Connection to Indexed Database server lost', 'InvalidStateError');
    } as typeof original;
    await expect(events.add([storedEvent(2)])).rejects.toThrow(/lost/);
    await events.add([storedEvent(2)]);
    expect((await events.stats()).count).toBe(2);
    expect(open).toHaveBeenCalledTimes(2);
  });
});

describe('IndexedDB queue in chunks (version 2)', () => {
  it('carries over events queued by version 1 (one record per event), oldest first, with their totals', async () => {
    const name = freshName();
    // Version 1's schema and data, written as version 1 of the SDK wrote them.
    const v1 = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('events', { keyPath: 'id' }).createIndex('order', 'order');
        open.result.createObjectStore('kv');
      };
      open.onsuccess = () => resolve(open.result);
    });
    const tx = v1.transaction(['events', 'kv'], 'readwrite');
    for (const n of [3, 1, 2]) tx.objectStore('events').put(storedEvent(n, 10 * n));
    tx.objectStore('kv').put({ bytes: 60, dropped: 4 }, '~queue');
    tx.objectStore('kv').put({ status: 'kept' }, 'record');
    await new Promise((resolve) => (tx.oncomplete = resolve));
    v1.close();

    const { events, kv } = createIdbStorage(name);
    expect(await events.stats()).toEqual({ count: 3, bytes: 60, dropped: 4 });
    expect(await events.oldest(10)).toEqual([storedEvent(1, 10), storedEvent(2, 20), storedEvent(3, 30)]);
    expect(await kv.get('record')).toEqual({ status: 'kept' });
    await events.add([storedEvent(2, 20), storedEvent(4, 40)]);
    await events.remove(['m-1']);
    expect(await events.stats()).toEqual({ count: 3, bytes: 90, dropped: 4 });
  });

  it('keeps a large burst in order and removes events spread over several chunks', async () => {
    const { events } = createIdbStorage(freshName());
    const burst = Array.from({ length: 250 }, (_, i) => storedEvent(i, 1));
    await events.add(burst);
    await events.add([storedEvent(7, 1), storedEvent(300, 1)]);
    expect(await events.stats()).toEqual({ count: 251, bytes: 251, dropped: 0 });
    expect((await events.oldest(120)).map((e) => e.id)).toEqual(burst.slice(0, 120).map((e) => e.id));
    await events.remove(['m-0', 'm-150', 'm-249', 'm-300']);
    expect(await events.stats()).toEqual({ count: 247, bytes: 247, dropped: 0 });
    const left = (await events.oldest(1000)).map((e) => e.id);
    expect(left).toHaveLength(247);
    expect(left).not.toContain('m-150');
    expect(left[0]).toBe('m-1');
  });
});
