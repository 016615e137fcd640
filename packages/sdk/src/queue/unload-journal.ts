/** A synchronous journal (localStorage) of what a page's pending IndexedDB writes hold when it is hidden (events, the status record); the next page adopts it. */
import { readJson } from '../json-state.js';
import type { StateStore, StoredEvent } from '../ports.js';

export interface UnloadJournal<T = StoredEvent> {
  /** Replaces this page's entry with `events`, synchronously (an empty list removes it). */
  saveOwn(events: T[]): void;
  /** Entries left by other pages, each with `remove()` to call once its events are stored elsewhere (items unchecked: validate them). */
  leftovers(): Array<{ events: T[]; remove(): void }>;
}

/**
 * Why it exists: `track()` queues events in memory and writes them to IndexedDB at the end of the task,
 * in a transaction that takes several round trips. A page unloaded before that transaction commits (a
 * reload or a tab closed right after a burst, later still on a busy machine) has it aborted by the
 * browser, and if the page-hide keepalive meets an outage too, the events were nowhere. localStorage
 * writes are synchronous, so whatever is written during `pagehide` survives the unload.
 * Keys are `prefix + pageId`, one per page, so tabs never overwrite each other's entries.
 */
export function createUnloadJournal<T = StoredEvent>(state: StateStore, prefix: string, pageId: string): UnloadJournal<T> {
  const own = prefix + pageId;
  return {
    saveOwn: (events) => (events.length ? state.set(own, JSON.stringify({ events })) : state.remove(own)),
    leftovers: () =>
      state
        .keys(prefix)
        .filter((key) => key !== own)
        .map((key) => ({
          // Unreadable entries adopt nothing (and are removed like the others).
          events: readJson<{ events: T[] }>(state, key, 'events')?.events ?? [],
          remove: () => state.remove(key),
        })),
  };
}
