/** Upgrade of the queue database from version 1 (one record per event in `events`) to chunks, in the upgrade transaction. */
import type { StoredEvent } from '../ports.js';
import { chunkKey, META, toChunks } from './event-chunks.js';

/** Moves every version-1 event, oldest first, into `chunks`, sets the totals and drops the old store. */
export function migrateEventsV1(tx: IDBTransaction): void {
  const all = tx.objectStore('events').index('order').getAll();
  all.onsuccess = () => {
    const events = all.result as StoredEvent[];
    const chunks = tx.objectStore('chunks');
    for (const chunk of toChunks(events)) chunks.put(chunk, chunkKey(chunk));
    const kv = tx.objectStore('kv');
    const meta = kv.get(META);
    meta.onsuccess = () =>
      kv.put({ dropped: 0, ...(meta.result as object | undefined), count: events.length, bytes: events.reduce((sum, e) => sum + e.bytes, 0) }, META);
    tx.db.deleteObjectStore('events');
  };
}
