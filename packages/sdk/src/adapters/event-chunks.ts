/** How the IndexedDB queue keeps events: a task's events in chunk records (one `put` per chunk, not per event). */
import type { StoredEvent } from '../ports.js';

/** Queue totals live in the kv store under this key, updated in the same transaction as the events. */
export const META = '~queue';

/** Up to {@link CHUNK_EVENTS} events, oldest first; `ids` feeds the store's multi-entry index (an event's chunk). */
export interface EventChunk {
  ids: string[];
  events: StoredEvent[];
}

/** Events per chunk: few enough that reading the queue's head or acknowledging a batch rewrites little. */
export const CHUNK_EVENTS = 100;

/** Oldest first across chunks (a chunk's first event orders it; its id makes the key unique). */
export const chunkKey = (chunk: EventChunk): [number, string] => [chunk.events[0]!.order, chunk.ids[0]!];

/** Splits events (in the order given) into chunks. */
export function toChunks(events: StoredEvent[]): EventChunk[] {
  const chunks: EventChunk[] = [];
  for (let i = 0; i < events.length; i += CHUNK_EVENTS) {
    const part = events.slice(i, i + CHUNK_EVENTS);
    chunks.push({ ids: part.map((event) => event.id), events: part });
  }
  return chunks;
}
