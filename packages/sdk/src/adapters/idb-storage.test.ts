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
