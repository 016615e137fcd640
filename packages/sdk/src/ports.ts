/** Ports: every effect the SDK needs comes in through one of these interfaces (adapters in `adapters/`). */
/** One queued event as the event store keeps it. */
export interface StoredEvent {
  /** The event's `messageId` (the store's key: adding the same id twice keeps the first). */
  id: string;
  /** Ordering key, increasing with insertion time; the store lists oldest first. */
  order: number;
  /** Serialised size in bytes, counted against the queue's byte cap. */
  bytes: number;
  /** The event as JSON (`WireEvent`), serialised once when it was queued and sent as is. */
  json: string;
}

/** Totals kept by the store, shared by every tab of the origin. */
export interface QueueStats {
  count: number;
  bytes: number;
  /** Events dropped (caps, max age) and not yet reported to the collector. */
  dropped: number;
}

/** Durable queue of unacknowledged events. Every method may reject (the fallback store handles it). */
export interface EventStore {
  /** Adds events in one transaction; ids already stored are ignored (an id repeated within one call is added once). */
  add(events: StoredEvent[]): Promise<void>;
  /** Oldest events first, at most `limit`. */
  oldest(limit: number): Promise<StoredEvent[]>;
  /**
   * Removes events by id and, in the same transaction, adds `droppedDelta` to the drop counter (events
   * dropped now; negative once the collector has been told of drops). The counter never goes below 0.
   */
  remove(ids: string[], droppedDelta?: number): Promise<void>;
  stats(): Promise<QueueStats>;
  /** Removes every event and resets the counters. */
  clear(): Promise<void>;
}

/** Asynchronous key-value storage (IndexedDB, memory fallback), shared by the tracker and the status layer. */
export interface KeyValueStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Small synchronous state shared by the tabs of an origin (identity, session, consent): localStorage. */
export interface StateStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** The stored keys starting with `prefix`. */
  keys(prefix: string): string[];
  /** Calls `listener` when another tab changed `key` (for the page's lifetime). */
  watch(listener: (key: string) => void): void;
}

export interface TransportResponse {
  status: number;
  /** Parsed `Retry-After`, in ms. */
  retryAfterMs?: number;
  /** Parsed JSON body, when there is one. */
  body?: unknown;
}

/** Sends a body to a URL; rejects on network errors. */
export interface Transport {
  send(url: string, body: string, keepalive: boolean): Promise<TransportResponse>;
}

export interface Scheduler {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  /** Runs `fn` at the end of the current task. */
  microtask(fn: () => void): void;
  random(): number;
}

/** Page lifecycle signals. */
export interface PageLifecycle {
  /** The page was hidden or is being unloaded: last reliable moment to send (may fire several times). */
  onHidden(listener: () => void): void;
  /** The page became visible again (also after a bfcache restore or a freeze). */
  onResume(listener: () => void): void;
  /** The network came back. */
  onOnline(listener: () => void): void;
}

/** Cross-tab mutual exclusion: `run` runs `task` while this tab alone holds the send lock (without Web Locks: at once). */
export interface SendLock {
  run(task: () => Promise<void>): Promise<void>;
}

export type PageContext = { path?: string; url?: string; title?: string; referrer?: string; search?: string };

/** Facts about the page and device at event time. */
export interface Environment {
  /** `page`, `locale`, `timezone`, `userAgent` for `context`. */
  context(): { page: PageContext; locale?: string; timezone?: string; userAgent?: string };
  uuid(): string;
}
