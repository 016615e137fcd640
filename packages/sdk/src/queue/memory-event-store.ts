/** In-memory EventStore: the fallback when IndexedDB is unavailable or fails. */
import type { EventStore, StoredEvent } from '../ports.js';

export function createMemoryEventStore(): EventStore {
  const events = new Map<string, StoredEvent>();
  let dropped = 0;
  return {
    async add(list) {
      for (const item of list) if (!events.has(item.id)) events.set(item.id, item);
    },
    // Insertion order is age order here: one tab writes this store, with increasing order keys.
    oldest: async (limit) => [...events.values()].slice(0, limit),
    async remove(ids, droppedDelta = 0) {
      for (const id of ids) events.delete(id);
      dropped = Math.max(0, dropped + droppedDelta);
    },
    stats: async () => ({ count: events.size, bytes: [...events.values()].reduce((sum, e) => sum + e.bytes, 0), dropped }),
    async clear() {
      events.clear();
      dropped = 0;
    },
  };
}
