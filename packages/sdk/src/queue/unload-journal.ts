/** A synchronous journal (localStorage) of the events whose IndexedDB write had not committed when the page was hidden; the next page adopts them. */
import { readJson } from '../json-state.js';
import type { StateStore, StoredEvent } from '../ports.js';

export interface UnloadJournal {
  /** Replaces this page's entry with `events`, synchronously (an empty list removes it). */
  saveOwn(events: StoredEvent[]): void;
  /** Entries left by other pages, each with `remove()` to call once its events are stored elsewhere. */
  leftovers(): Array<{ events: StoredEvent[]; remove(): void }>;
}

/**
 * Why it exists: `track()` queues events in memory and writes them to IndexedDB at the end of the task,
 * in a transaction that takes several round trips. A page unloaded before that transaction commits (a
 * reload or a tab closed right after a burst, later still on a busy machine) has it aborted by the
 * browser, and if the page-hide keepalive meets an outage too, the events were nowhere. localStorage
 * writes are synchronous, so whatever is written during `pagehide` survives the unload.
 * Keys are `prefix + pageId`, one per page, so tabs never overwrite each other's entries.
 */
export function createUnloadJournal(state: StateStore, prefix: string, pageId: string): UnloadJournal {
  const own = prefix + pageId;
  return {
    saveOwn: (events) => (events.length ? state.set(own, JSON.stringify({ events })) : state.remove(own)),
    leftovers: () =>
      state
        .keys(prefix)
        .filter((key) => key !== own)
        .map((key) => ({
          // Unreadable entries adopt nothing (and are removed like the others).
          events: (readJson<{ events: StoredEvent[] }>(state, key, 'events')?.events ?? []).filter((e) => e?.id),
          remove: () => state.remove(key),
        })),
  };
}
