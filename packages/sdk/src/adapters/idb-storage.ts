/** IndexedDB adapter (through `idb`): the durable event queue and the key-value store, in one database of their own. */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { EventStore, KeyValueStore, QueueStats, StoredEvent } from '../ports.js';

interface Schema extends DBSchema {
  events: { key: string; value: StoredEvent; indexes: { order: number } };
  kv: { key: string; value: unknown };
}

type Db = IDBPDatabase<Schema>;


/** Queue totals live in the kv store under this key, updated in the same transaction as the events. */
const META = '~queue';

interface Meta {
  bytes: number;
  dropped: number;
}

export interface IdbStorage {
  events: EventStore;
  kv: KeyValueStore;
}

/**
 * Opens `name` lazily. A failed operation forgets the connection so the next one reopens it (WebKit's
 * "Connection to Indexed Database server lost", https://bugs.webkit.org/show_bug.cgi?id=197050).
 */
export function createIdbStorage(name: string): IdbStorage {
  let db: Promise<Db> | undefined;
  const forget = () => {
    db?.then((d) => d.close(), () => undefined);
    db = undefined;
  };
  // Where `indexedDB` is missing or blocked, openDB throws inside `run`, which rejects like any failure.
  const open = () =>
    (db ??= openDB<Schema>(name, 1, {
      upgrade(d) {
        d.createObjectStore('events', { keyPath: 'id' }).createIndex('order', 'order');
        d.createObjectStore('kv');
      },
      blocking: forget,
      terminated: forget,
    }));
  const run = async <T>(task: (d: Db) => Promise<T>): Promise<T> => {
    try {
      return await task(await open());
    } catch (error) {
      forget();
      throw error;
    }
  };
  /** One read-write transaction over events and totals; `change` edits the totals in place. */
  const write = (change: (tx: IDBPTransaction<Schema, ['events', 'kv'], 'readwrite'>, meta: Meta) => Promise<void>) =>
    run(async (d) => {
      const tx = d.transaction(['events', 'kv'], 'readwrite');
      const kv = tx.objectStore('kv');
      const meta = ((await kv.get(META)) as Meta | undefined) ?? { bytes: 0, dropped: 0 };
      await change(tx, meta);
      await kv.put(meta, META);
      await tx.done;
    });

  const events: EventStore = {
    add: (list) =>
      write(async (tx, meta) => {
        const store = tx.objectStore('events');
        // All requests at once (IndexedDB runs them in order); an id repeated within `list` is written once.
        const fresh = new Map(list.map((item) => [item.id, item] as const));
        await Promise.all(
          [...fresh.values()].map(async (item) => {
            if (await store.getKey(item.id)) return;
            void store.put(item);
            meta.bytes += item.bytes;
          }),
        );
      }),
    oldest: (limit) => run((d) => d.getAllFromIndex('events', 'order', null, limit)),
    remove: (ids, droppedDelta = 0) =>
      write(async (tx, meta) => {
        const store = tx.objectStore('events');
        for (const id of ids) {
          const found = await store.get(id);
          if (!found) continue;
          void store.delete(id);
          meta.bytes -= found.bytes;
        }
        meta.dropped = Math.max(0, meta.dropped + droppedDelta);
      }),
    stats: () =>
      run(async (d): Promise<QueueStats> => {
        const tx = d.transaction(['events', 'kv']);
        const [count, meta] = await Promise.all([tx.objectStore('events').count(), tx.objectStore('kv').get(META)]);
        const { bytes, dropped } = (meta as Meta | undefined) ?? { bytes: 0, dropped: 0 };
        return { count, bytes, dropped };
      }),
    clear: () =>
      write(async (tx, meta) => {
        await tx.objectStore('events').clear();
        meta.bytes = meta.dropped = 0;
      }),
  };

  const kv: KeyValueStore = {
    get: <T>(key: string) => run((d) => d.get('kv', key) as Promise<T | undefined>),
    set: (key, value) => run(async (d) => void (await d.put('kv', value, key))),
    delete: (key) => run((d) => d.delete('kv', key)),
  };
  return { events, kv };
}
