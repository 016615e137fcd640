/**
 * IndexedDB adapter: the durable event queue and the key-value store, in one database of their own. Written
 * against the raw API (a promise per request, ~1 KB minified) rather than through `idb` (~3 KB).
 */
import type { EventStore, KeyValueStore, QueueStats, StoredEvent } from '../ports.js';

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

const readMeta = async (kv: IDBObjectStore): Promise<Meta> => (await req(kv.get(META))) ?? { bytes: 0, dropped: 0 };

/** Settles with a request's result or error. */
const req = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/**
 * Opens `name` lazily. A failed operation forgets the connection so the next one reopens it (WebKit's
 * "Connection to Indexed Database server lost", https://bugs.webkit.org/show_bug.cgi?id=197050).
 */
export function createIdbStorage(name: string): IdbStorage {
  let db: Promise<IDBDatabase> | undefined;
  const forget = () => {
    db?.then((d) => d.close(), () => undefined);
    db = undefined;
  };
  /** Runs `task` on a transaction over `stores`; rejects (and forgets the connection) on any failure. */
  const run = async <T>(stores: string[], mode: IDBTransactionMode, task: (tx: IDBTransaction) => Promise<T>): Promise<T> => {
    try {
      if (!db) {
        // Where `indexedDB` is missing or blocked, this throws here and rejects like any failure.
        const open = indexedDB.open(name, 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('events', { keyPath: 'id' }).createIndex('order', 'order');
          open.result.createObjectStore('kv');
        };
        // Another tab upgrading (versionchange) or the browser closing the connection: reopen next time.
        db = req(open).then((d) => ((d.onversionchange = d.onclose = forget), d));
      }
      const tx = (await db).transaction(stores, mode);
      // Settled once the transaction is over (writes durable); one that aborts rejects.
      const done = new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = tx.onabort = () => reject(tx.error);
      });
      return (await Promise.all([task(tx), done]))[0];
    } catch (error) {
      forget();
      throw error;
    }
  };
  /** One read-write transaction over events and totals; `change` edits the totals in place. */
  const write = (change: (events: IDBObjectStore, meta: Meta) => Promise<unknown>) =>
    run(['events', 'kv'], 'readwrite', async (tx) => {
      const kv = tx.objectStore('kv');
      const meta = await readMeta(kv);
      await change(tx.objectStore('events'), meta);
      kv.put(meta, META);
    });
  const kvStore = (mode: IDBTransactionMode, task: (kv: IDBObjectStore) => IDBRequest) =>
    run(['kv'], mode, (tx) => req(task(tx.objectStore('kv'))));

  const events: EventStore = {
    add: (list) =>
      write((store, meta) => {
        // All requests at once (IndexedDB runs them in order); an id repeated within `list` is written once.
        const fresh = new Map(list.map((item) => [item.id, item] as const));
        return Promise.all(
          [...fresh.values()].map(async (item) => {
            if ((await req(store.getKey(item.id))) !== undefined) return;
            store.put(item);
            meta.bytes += item.bytes;
          }),
        );
      }),
    oldest: (limit) => run(['events'], 'readonly', (tx) => req(tx.objectStore('events').index('order').getAll(null, limit))),
    remove: (ids, droppedDelta = 0) =>
      write(async (store, meta) => {
        for (const id of ids) {
          const found: StoredEvent | undefined = await req(store.get(id));
          if (!found) continue;
          store.delete(id);
          meta.bytes -= found.bytes;
        }
        meta.dropped = Math.max(0, meta.dropped + droppedDelta);
      }),
    stats: () =>
      run(['events', 'kv'], 'readonly', async (tx): Promise<QueueStats> => {
        const [count, { bytes, dropped }] = await Promise.all([req(tx.objectStore('events').count()), readMeta(tx.objectStore('kv'))]);
        return { count, bytes, dropped };
      }),
    clear: () =>
      write(async (store, meta) => {
        await req(store.clear());
        meta.bytes = meta.dropped = 0;
      }),
  };

  const kv: KeyValueStore = {
    get: (key) => kvStore('readonly', (s) => s.get(key)),
    set: (key, value) => kvStore('readwrite', (s) => s.put(value, key)).then(() => undefined),
    delete: (key) => kvStore('readwrite', (s) => s.delete(key)).then(() => undefined),
  };
  return { events, kv };
}
