/** How the IndexedDB queue keeps events: a task's events in chunk records (one `put` per chunk, not per event). */
import type { StoredEvent } from '../ports.js';

/** Queue totals live in the kv store under this key, updated in the same transaction as the events. */
export const META = '~queue';

/**
 * Up to {@link CHUNK_EVENTS} events, oldest first, under the key `[first event's order, its id]` (oldest chunk
 * first; the id makes the key unique); `ids` feeds the store's multi-entry index (an event's chunk).
 */
export interface EventChunk {
  ids: string[];
  events: StoredEvent[];
}

/** Events per chunk: few enough that reading the queue's head or acknowledging a batch rewrites little. */
export const CHUNK_EVENTS = 100;

/** Puts `events` (in the order given) into `store` as chunks; the requests are not awaited (the transaction is). */
export function putChunks(store: { put(chunk: EventChunk, key: [number, string]): unknown }, events: StoredEvent[]): void {
  for (let i = 0; i < events.length; i += CHUNK_EVENTS) {
    const part = events.slice(i, i + CHUNK_EVENTS);
    store.put({ ids: part.map((event) => event.id), events: part }, [part[0]!.order, part[0]!.id]);
  }
}
