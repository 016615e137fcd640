/** IndexedDB adapter (through `idb`): the durable event queue and the key-value store, in one database of their own. */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction } from 'idb';
import type { EventStore, KeyValueStore, QueueStats, StoredEvent } from '../ports.js';
import { META, putChunks, type EventChunk } from './event-chunks.js';
import { migrateEventsV1 } from './idb-migrate-v1.js';

interface Schema extends DBSchema {
  chunks: { key: [number, string]; value: EventChunk; indexes: { id: string } };
  kv: { key: string; value: unknown };
}

/**
 * Transactions and `close` only: idb's shortcut methods (`db.get(store, key)`, ...) are left out of the script-tag
 * builds (rollup.config.mjs), so the type does not offer them.
 */
type Db = Pick<IDBPDatabase<Schema>, 'transaction' | 'close'>;

export interface IdbStorage {
  events: EventStore;
  kv: KeyValueStore;
}

/** The queue's totals record, zeros when there is none. */
const totals = async (kv: { get(key: string): Promise<unknown> }): Promise<QueueStats> => ({ count: 0, bytes: 0, dropped: 0, ...((await kv.get(META)) as QueueStats | undefined) });

/**
 * Opens `name` lazily. A failed operation forgets the connection so the next one reopens it (WebKit's
 * "Connection to Indexed Database server lost", https://bugs.webkit.org/show_bug.cgi?id=197050).
 * Version 2 keeps events in chunks; a version-1 queue (one record per event) is carried over on upgrade.
 */
export function createIdbStorage(name: string): IdbStorage {
  let db: Promise<Db> | undefined;
  const forget = () => {
    db?.then((d) => d.close(), () => undefined);
    db = undefined;
  };
  // Where `indexedDB` is missing or blocked, openDB throws inside `run`, which rejects like any failure.
  const open = () =>
    (db ??= openDB<Schema>(name, 2, {
      upgrade(d, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) d.createObjectStore('kv');
        d.createObjectStore('chunks').createIndex('id', 'ids', { multiEntry: true });
        if (oldVersion === 1) void migrateEventsV1(tx as unknown as Parameters<typeof migrateEventsV1>[0]);
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
  const write = (change: (tx: IDBPTransaction<Schema, ['chunks', 'kv'], 'readwrite'>, meta: QueueStats) => Promise<void>) =>
    run(async (d) => {
      const tx = d.transaction(['chunks', 'kv'], 'readwrite');
      const kv = tx.objectStore('kv');
      const meta = await totals(kv);
      await change(tx, meta);
      void kv.put(meta, META);
      await tx.done;
    });

  const events: EventStore = {
    // The hot path of `track()`: one put per chunk of the task's events, no request per event.
    add: (list) =>
      write(async (tx, meta) => {
        const store = tx.objectStore('chunks');
        const ids = list.map((item) => item.id).sort();
        // The ids already stored: one key cursor over the new ids' range (it finds none unless the queue holds ids in it).
        const seen = new Set<string>();
        if (ids.length) for (let c = await store.index('id').openKeyCursor(IDBKeyRange.bound(ids[0], ids.at(-1))); c; c = await c.continue()) seen.add(c.key);
        // Skips those and the later copies of an id repeated in `list` (`add` returns the set, truthy).
        const kept = list.filter((item) => !seen.has(item.id) && seen.add(item.id));
        putChunks(store, kept);
        for (const item of kept) meta.count++, (meta.bytes += item.bytes);
      }),
    oldest: (limit) =>
      run(async (d) => {
        const found: StoredEvent[] = [];
        let cursor = await d.transaction('chunks').store.openCursor();
        for (; cursor && found.length < limit; cursor = await cursor.continue()) found.push(...cursor.value.events);
        // Oldest first by chunk (a task's events), each in order; chunks of tabs tracking in the same instant may overlap.
        return found.slice(0, limit);
      }),
    remove: (ids, droppedDelta = 0) =>
      write(async (tx, meta) => {
        const store = tx.objectStore('chunks');
        const gone = new Set(ids);
        let left = gone.size;
        // Acknowledged events are the oldest, so their chunks come first: one cursor from the head, no lookup per id.
        // A chunk that lost its first event moves to a later key, where the cursor meets it again with nothing to remove.
        for (let c = await store.openCursor(); c && left; c = await c.continue()) {
          const { events } = c.value;
          const kept = events.filter((event) => !gone.has(event.id));
          if (kept.length == events.length) continue;
          left -= events.length - kept.length;
          void c.delete();
          putChunks(store, kept);
          for (const event of events) if (gone.has(event.id)) meta.count--, (meta.bytes -= event.bytes);
        }
        meta.dropped = Math.max(0, meta.dropped + droppedDelta);
      }),
    stats: () => run((d) => totals(d.transaction('kv').store)),
    clear: () =>
      write(async (tx, meta) => {
        await tx.objectStore('chunks').clear();
        meta.count = meta.bytes = meta.dropped = 0;
      }),
  };

  // Transactions opened here, not idb's `db.get(store, key)` shortcuts: the script-tag builds leave those out.
  // Like those, a write settles when its transaction has (and rejects with the request's error first).
  const kvWrite = (change: (store: IDBPObjectStore<Schema, ['kv'], 'kv', 'readwrite'>) => Promise<unknown>) =>
    run(async (d) => {
      const tx = d.transaction('kv', 'readwrite');
      await Promise.all([change(tx.store), tx.done]);
    });
  const kv: KeyValueStore = {
    get: <T>(key: string) => run((d) => d.transaction('kv').store.get(key) as Promise<T | undefined>),
    set: (key, value) => kvWrite((store) => store.put(value, key)),
    delete: (key) => kvWrite((store) => store.delete(key)),
  };
  return { events, kv };
}
