/** The port through which the status layer reaches the tracker, storage, network and clock (wired by createWaymark). */
import type { JsonObject, WireEvent } from '@waymark/core';
import type { KeyValueStore, PageLifecycle } from '../ports.js';
import type { UnloadJournal } from '../queue/unload-journal.js';

/** Asynchronous key-value storage: the SDK's own KeyValueStore port (IndexedDB, memory fallback). */
export type StatusKeyValue = KeyValueStore;

/** The answer of a GET: `body` is parsed JSON when the response had one. */
export interface HttpGetResponse {
  status: number;
  etag?: string;
  body?: unknown;
}

/** Performs one GET; rejects on network failure. */
export type HttpGet = (url: string, headers: Record<string, string>) => Promise<HttpGetResponse>;

/** Who the tracker currently believes the user is. */
export interface StatusIdentity {
  anonymousId: string;
  userId?: string;
}

export interface StatusHost {
  /** Subscribes to every enriched event the app tracks, synchronously; returns the unsubscribe. */
  onEvent(listener: (event: WireEvent) => void): () => void;
  user(): StatusIdentity;
  /** Resolves once the tracker has restored its identity (anonymous id, user id). */
  ready(): Promise<void>;
  track(event: string, properties?: JsonObject): void;
  kv: StatusKeyValue;
  /** Synchronous per-page storage (localStorage) for the record when the page is hidden before its `kv` write settled. */
  journal: UnloadJournal<unknown>;
  /** The page is hidden, maybe for good (may fire several times). */
  onHidden: PageLifecycle['onHidden'];
  httpGet: HttpGet;
  /** Milliseconds since the epoch. */
  now(): number;
  /** Collector base URL, without a trailing slash. */
  apiHost: string;
  writeKey: string;
  /** Told of each refused status read (401/403) with the collector's reason. */
  refused?(who: StatusIdentity, status: number, reason: string): void;
}
