/** The Tracker's public shape: what `createTracker` returns. */
import type { JsonObject, TrackingPlan, WireEvent } from '@waymark/core';
import type { WaymarkError } from './errors.js';
import type { Track } from './planned-track.js';
import type { TransportResponse } from './ports.js';

/** Per-call options of the event methods. */
export interface CallOptions {
  /** Your own idempotency key (≤ 100 chars); generated otherwise. */
  messageId?: string;
  /** When the event happened. @default now */
  timestamp?: Date | string | number;
  /** Extra context fields merged into `context`. */
  context?: JsonObject;
}

export type ConsentState = 'granted' | 'pending' | 'denied';

export interface TrackerEvents {
  /** Every event the app tracked, enriched, synchronously (also while consent is pending; never after optOut). */
  event: WireEvent;
  /** Events the collector acknowledged. */
  delivered: { messageIds: string[]; response: TransportResponse };
  /** Something went wrong that the app may want to know; tracking carries on. */
  error: WaymarkError;
}

/** `Plan`: a tracking plan type (`typeof plan`) that types `track`'s event names and properties; none by default. */
export interface Tracker<Plan extends TrackingPlan | undefined = undefined> {
  /** A `track` event (typed by the plan when the tracker was created with one). */
  track: Track<Plan>;
  /** A page view; `context.page` carries path, url, title, referrer and search. */
  page(name?: string, properties?: JsonObject, options?: CallOptions): void;
  /** Sets the user id (kept across reloads) and sends the traits. */
  identify(userId?: string, traits?: JsonObject, options?: CallOptions): void;
  /** Links `previousId` (default: the current user or anonymous id) to `userId`, which becomes the user id. */
  alias(userId: string, previousId?: string, options?: CallOptions): void;
  group(groupId: string, traits?: JsonObject, options?: CallOptions): void;
  /** Forgets the user: a new anonymous id, no user id. */
  reset(): void;
  /** Writes what was tracked and sends the queue now; resolves when that attempt is over (never rejects). */
  flush(): Promise<void>;
  /** Gives consent: held events are queued with their original timestamps and sending starts. Remembered. */
  optIn(): void;
  /** Refuses consent: held and queued events are deleted, nothing more is tracked. Remembered. */
  optOut(): void;
  consent(): ConsentState;
  on<K extends keyof TrackerEvents>(type: K, listener: (payload: TrackerEvents[K]) => void): () => void;
  /** Logs events, sends and errors to the console. */
  debug(enabled?: boolean): void;
  /** Ends the current session and starts a new one (tracking `session_start`). */
  newSession(): void;
  user(): { anonymousId: string; userId?: string };
  /** Resolves once storage is open (or known to be unavailable); at once while consent is pending. */
  ready(): Promise<void>;
}
