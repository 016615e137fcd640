/** IndexedDB adapter (through `idb`): the durable event queue and the key-value store, in one database of their own. */
import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPIndex, type IDBPTransaction } from 'idb';
import type { EventStore, KeyValueStore, QueueStats, StoredEvent } from '../ports.js';
import { chunkKey, META, toChunks, type EventChunk } from './event-chunks.js';
import { migrateEventsV1 } from './idb-migrate-v1.js';

interface Schema extends DBSchema {
  chunks: { key: [number, string]; value: EventChunk; indexes: { id: string } };
  kv: { key: string; value: unknown };
}

type Db = IDBPDatabase<Schema>;

/** The queue's totals (`count` since version 2). */
interface Meta {
  count: number;
  bytes: number;
  dropped: number;
}

export interface IdbStorage {
  events: EventStore;
  kv: KeyValueStore;
}

/** The ids of `ids` already stored: one count over their key range, a key cursor only when it is not empty. */
async function storedIds(index: IDBPIndex<Schema, ['chunks', 'kv'], 'chunks', 'id', 'readwrite'>, ids: string[]) {
  const found = new Set<string>();
  const sorted = [...ids].sort();
  const range = sorted.length ? IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]) : undefined;
  if (range && (await index.count(range)))
    for (let c = await index.openKeyCursor(range); c; c = await c.continue()) found.add(c.key);
  return found;
}

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
        if (oldVersion === 1) migrateEventsV1(unwrap(tx));
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
  const write = (change: (tx: IDBPTransaction<Schema, ['chunks', 'kv'], 'readwrite'>, meta: Meta) => Promise<void>) =>
    run(async (d) => {
      const tx = d.transaction(['chunks', 'kv'], 'readwrite');
      const kv = tx.objectStore('kv');
      const meta = { count: 0, bytes: 0, dropped: 0, ...((await kv.get(META)) as Meta | undefined) };
      await change(tx, meta);
      await kv.put(meta, META);
      await tx.done;
    });

  const events: EventStore = {
    // The hot path of `track()`: one put per chunk of the task's events, no request per event.
    add: (list) =>
      write(async (tx, meta) => {
        const store = tx.objectStore('chunks');
        const fresh = new Map<string, StoredEvent>();
        for (const item of list) if (!fresh.has(item.id)) fresh.set(item.id, item);
        const stored = await storedIds(store.index('id'), [...fresh.keys()]);
        const kept = [...fresh.values()].filter((item) => !stored.has(item.id));
        for (const chunk of toChunks(kept)) void store.put(chunk, chunkKey(chunk));
        meta.count += kept.length;
        for (const item of kept) meta.bytes += item.bytes;
      }),
    oldest: (limit) =>
      run(async (d) => {
        const found: StoredEvent[] = [];
        let cursor = await d.transaction('chunks').store.openCursor();
        for (; cursor && found.length < limit; cursor = await cursor.continue()) found.push(...cursor.value.events);
        // Chunks of tabs writing at once may overlap in time.
        return found.sort((a, b) => a.order - b.order).slice(0, limit);
      }),
    remove: (ids, droppedDelta = 0) =>
      write(async (tx, meta) => {
        const store = tx.objectStore('chunks');
        const gone = new Set(ids);
        // A chunk is rewritten once: its other removed ids are no longer in the index afterwards.
        for (const id of gone) {
          const key = await store.index('id').getKey(id);
          if (!key) continue;
          const { events } = (await store.get(key))!;
          const kept = events.filter((event) => !gone.has(event.id));
          void (kept.length ? store.put({ ids: kept.map((event) => event.id), events: kept }, key) : store.delete(key));
          meta.count -= events.length - kept.length;
          for (const event of events) if (gone.has(event.id)) meta.bytes -= event.bytes;
        }
        meta.dropped = Math.max(0, meta.dropped + droppedDelta);
      }),
    stats: () =>
      run(async (d): Promise<QueueStats> => {
        const { count, bytes, dropped } = { count: 0, bytes: 0, dropped: 0, ...((await d.get('kv', META)) as Meta | undefined) };
        return { count, bytes, dropped };
      }),
    clear: () =>
      write(async (tx, meta) => {
        await tx.objectStore('chunks').clear();
        meta.count = meta.bytes = meta.dropped = 0;
      }),
  };

  const kv: KeyValueStore = {
    get: <T>(key: string) => run((d) => d.get('kv', key) as Promise<T | undefined>),
    set: (key, value) => run(async (d) => void (await d.put('kv', value, key))),
    delete: (key) => run((d) => d.delete('kv', key)),
  };
  return { events, kv };
}
