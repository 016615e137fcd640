/** How the IndexedDB queue keeps events: a task's events in chunk records (one `put` per chunk, not per event). */
import type { StoredEvent } from '../ports.js';

/**
 * Up to {@link CHUNK_EVENTS} events, column by column (arrays of strings and numbers are cheap to clone).
 * The store's key is {@link chunkKey}; its multi-entry index over `ids` finds an event's chunk.
 */
export interface EventChunk {
  ids: string[];
  orders: number[];
  bytes: number[];
  json: string[];
}

/** Queue totals live in the kv store under this key, updated in the same transaction as the events. */
export const META = '~queue';

/** Events per chunk: few enough that reading the queue's head or acknowledging a batch rewrites little. */
export const CHUNK_EVENTS = 100;

/** Oldest first across chunks (a chunk's first event orders it; its id makes the key unique). */
export const chunkKey = (chunk: EventChunk): [number, string] => [chunk.orders[0]!, chunk.ids[0]!];

/** Splits events (in the order given) into chunks. */
export function toChunks(events: readonly StoredEvent[]): EventChunk[] {
  const chunks: EventChunk[] = [];
  events.forEach((event, i) => {
    if (i % CHUNK_EVENTS === 0) chunks.push({ ids: [], orders: [], bytes: [], json: [] });
    const chunk = chunks[chunks.length - 1]!;
    chunk.ids.push(event.id);
    chunk.orders.push(event.order);
    chunk.bytes.push(event.bytes);
    chunk.json.push(event.json);
  });
  return chunks;
}

/** The events of a chunk. */
export const fromChunk = (chunk: EventChunk): StoredEvent[] =>
  chunk.ids.map((id, i) => ({ id, order: chunk.orders[i]!, bytes: chunk.bytes[i]!, json: chunk.json[i]! }));

/** The chunk without `ids` (undefined when nothing is left), and the events removed. */
export function withoutIds(chunk: EventChunk, ids: ReadonlySet<string>): { rest?: EventChunk; removed: StoredEvent[] } {
  const events = fromChunk(chunk);
  const kept = events.filter((event) => !ids.has(event.id));
  const removed = events.filter((event) => ids.has(event.id));
  return { rest: kept.length ? toChunks(kept)[0] : undefined, removed };
}
