/** Upgrade of the queue database from version 1 (one record per event in `events`) to chunks, in the upgrade transaction. */
import type { IDBPTransaction } from 'idb';
import type { StoredEvent } from '../ports.js';
import { META, putChunks } from './event-chunks.js';

/** Moves every version-1 event, oldest first, into `chunks`, sets the count and drops the old store. */
export async function migrateEventsV1(tx: IDBPTransaction<unknown, string[], 'versionchange'>): Promise<void> {
  const events: StoredEvent[] = await tx.objectStore('events').index('order').getAll();
  putChunks(tx.objectStore('chunks'), events);
  // Version 1 kept `bytes` and `dropped` exact, in the same transactions as the events; only the count is new.
  void tx.objectStore('kv').put({ ...(await tx.objectStore('kv').get(META)), count: events.length }, META);
  tx.db.deleteObjectStore('events');
}
