/** The tracker's options, their defaults, and what the resolved configuration looks like. */

/** How the page treats consent at start. */
export type ConsentMode = 'granted' | 'pending';

export interface TrackerOptions {
  /** The project's public write key (ingest only). */
  writeKey: string;
  /** The collector's base URL, e.g. `https://collector.example.com`. */
  host: string;
  /**
   * `'pending'` holds every event in memory (with its original timestamp) and stores or sends nothing
   * until `optIn()`; a decision taken earlier on this device (`optIn`/`optOut`) wins over this option.
   * @default 'granted'
   */
  consent?: ConsentMode;
  /**
   * Track a page view at start and on every History API navigation (`pushState`, `replaceState`,
   * `popstate`) that changes the path or query, once per URL change.
   * @default false
   */
  autoPageViews?: boolean;
  /** Send queued events at most this long after they were tracked. @default 5000 */
  flushIntervalMs?: number;
  /**
   * Most events in one request (`maxBatchBytes` may cut it shorter); a queue this long is sent at once. Each request
   * costs the page about a millisecond of main-thread time whatever it carries (fetch, IndexedDB reads and the
   * acknowledgement's write), so fewer, fuller requests cost less per event. @default 100
   */
  maxBatchEvents?: number;
  /**
   * Most event bytes in one request; with the request's envelope (< 500 bytes) it must stay under the
   * 64 KiB keepalive limit, since the last-moment send on page hide carries up to this much. @default 60000
   */
  maxBatchBytes?: number;
  /** Most events kept in the queue; the oldest are dropped beyond it. @default 10000 */
  maxQueueEvents?: number;
  /** Most bytes kept in the queue; the oldest are dropped beyond it. @default 10000000 (10 MB: 10,000 events of 1 KB) */
  maxQueueBytes?: number;
  /** Events older than this are dropped instead of retried. @default 604800000 (7 days) */
  maxEventAgeMs?: number;
  /** First retry delay; doubles per failure, with jitter. @default 1000 */
  minRetryDelayMs?: number;
  /** Longest retry delay (a server's `Retry-After` may ask for more). @default 60000 */
  maxRetryDelayMs?: number;
  /** A request to the collector unanswered after this long is aborted and retried. @default 30000 */
  requestTimeoutMs?: number;
  /** A new session starts after this much inactivity. @default 1800000 (30 min) */
  sessionTimeoutMs?: number;
  /** A session never lasts longer than this. @default 43200000 (12 h) */
  maxSessionMs?: number;
  /** Prefix of the localStorage keys and IndexedDB database name. @default 'waymark' */
  storagePrefix?: string;
  /** Log every event and send to the console. @default false */
  debug?: boolean;
}

export type ResolvedOptions = Required<TrackerOptions>;

export const DEFAULTS = {
  consent: 'granted',
  autoPageViews: false,
  flushIntervalMs: 5_000,
  maxBatchEvents: 100,
  maxBatchBytes: 60_000,
  maxQueueEvents: 10_000,
  maxQueueBytes: 10_000_000,
  maxEventAgeMs: 7 * 86_400_000,
  minRetryDelayMs: 1_000,
  maxRetryDelayMs: 60_000,
  requestTimeoutMs: 30_000,
  sessionTimeoutMs: 30 * 60_000,
  maxSessionMs: 12 * 3_600_000,
  storagePrefix: 'waymark',
  debug: false,
} satisfies Omit<ResolvedOptions, 'writeKey' | 'host'>;

/** Fills in defaults; `undefined` options count as unset. A trailing slash on `host` is dropped. */
export function resolveOptions(options: TrackerOptions): ResolvedOptions {
  const resolved = { ...DEFAULTS } as ResolvedOptions;
  for (const [key, value] of Object.entries(options)) if (value !== undefined) (resolved as Record<string, unknown>)[key] = value;
  resolved.host = String(options.host ?? '').replace(/\/+$/, '');
  return resolved;
}
