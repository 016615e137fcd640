/** Wire protocol v1 (DESIGN.md §2): the event envelope, a superset of the Segment spec. */

export type EventType = 'track' | 'page' | 'screen' | 'identify' | 'group' | 'alias';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface EventContext {
  /** Session id shared by all tabs of an origin. */
  sessionId?: string;
  /** Per-tab monotonic sequence number, so the collector can report gaps. */
  seq?: number;
  /** Stable id of the sending tab's stream (used with `seq`). */
  streamId?: string;
  library?: { name: string; version: string };
  page?: { path?: string; url?: string; title?: string; referrer?: string; search?: string };
  locale?: string;
  timezone?: string;
  userAgent?: string;
  /** Events the device dropped (caps) since its previous batch; sent with the next batch. */
  droppedEvents?: number;
  [key: string]: JsonValue | undefined;
}

export interface WireEvent {
  type: EventType;
  /** ≤ 100 chars, unique per event, stable across retries (the idempotency key). */
  messageId: string;
  anonymousId?: string;
  userId?: string;
  /** `track` only: the event name. */
  event?: string;
  /** `page` / `screen`: the page name. */
  name?: string;
  /** `group`: the group id. */
  groupId?: string;
  /** `alias`: the id being aliased. */
  previousId?: string;
  properties?: JsonObject;
  traits?: JsonObject;
  /** ISO-8601 device time at event time. */
  timestamp: string;
  /** ISO-8601 device time at send time (set per attempt). */
  sentAt?: string;
  context?: EventContext;
}

export interface BatchRequest {
  batch: WireEvent[];
  sentAt?: string;
  writeKey?: string;
}

export interface RejectedEvent {
  index: number;
  messageId?: string;
  reason: string;
}

/** The collector's answer to a batch: 200 lists what it stored, what was a duplicate and what it rejected. */
export interface BatchResponse {
  accepted: number;
  duplicates: string[];
  rejected: RejectedEvent[];
}

/** Limits shared by SDK (caps) and collector (validation). */
export const LIMITS = {
  maxEventBytes: 32 * 1024,
  maxBatchBytes: 500 * 1024,
  maxBatchLength: 1000,
  maxMessageIdLength: 100,
  maxIdLength: 200,
  maxNameLength: 200,
  maxDepth: 10,
} as const;
