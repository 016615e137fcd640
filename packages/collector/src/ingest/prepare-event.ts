/** Turns one untrusted event into a `StoredEvent` or a rejection reason (pure apart from the schema). */
import type { TrackingPlan, WireEvent } from '@waymark/core';
import { checkPlannedEvent, LIMITS } from '@waymark/core';
import { issueReason, wireEventSchema, type ParsedWireEvent } from '@waymark/core/schema';
import type { StoredEvent } from '../storage/storage.js';
import { correctSkew } from './correct-skew.js';
import { isoMs } from './iso-ms.js';
import { isoString } from './iso-string.js';
import { passesFastCheck, topLevelIssue } from './fast-event-check.js';
import { messageIdFor } from './message-id-for.js';
import { normalizeDialect } from './normalize-dialect.js';
import { utf8Length } from './utf8-length.js';

export interface PrepareContext {
  receivedAtMs: number;
  /** The batch-level `sentAt`, used when an event has none. */
  batchSentAtMs?: number;
  /** `isoString(batchSentAtMs)`, stored as the `sentAt` of events without their own @default computed per event */
  batchSentAtIso?: string;
  /** Stored form of the client IP (already truncated/hashed), if any. */
  ip?: string;
  /** Oldest accepted corrected event time, relative to receipt. */
  maxPastMs: number;
  /** Latest accepted corrected event time, relative to receipt. */
  maxFutureMs: number;
  /** The project's tracking plan: `track` events are checked against it (rejected or flagged). @default none (no check) */
  plan?: TrackingPlan;
}

/** `planViolations`: what the tracking plan found wrong (the event is rejected, or stored flagged). */
export type Prepared = { ok: true; event: StoredEvent; planViolations?: string[] } | { ok: false; reason: string; messageId?: string; planViolations?: string[] };

export function prepareEvent(raw: unknown, ctx: PrepareContext): Prepared {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'event must be a JSON object' };
  const obj = raw as Record<string, unknown>;
  normalizeDialect(obj);
  const reportedId = typeof obj.messageId === 'string' && obj.messageId.length <= LIMITS.maxMessageIdLength ? obj.messageId : undefined;
  const reject = (reason: string): Prepared => (reportedId === undefined ? { ok: false, reason } : { ok: false, reason, messageId: reportedId });

  // Valid events take the fast check; zod runs only to say why an event is invalid (same reasons as before).
  let e: ParsedWireEvent;
  if (passesFastCheck(obj)) e = obj as ParsedWireEvent;
  else {
    const guard = topLevelIssue(obj);
    if (guard) return reject(guard);
    const parsed = wireEventSchema.safeParse(obj);
    if (!parsed.success) return reject(issueReason(parsed.error));
    e = parsed.data;
  }
  // `e` may be `obj` itself, whose timestamp is replaced below: read the fields first.
  const { timestamp: originalTimestamp, sentAt } = e;

  const context = obj.context as Record<string, unknown> | null | undefined;
  if (context && 'ip' in context) {
    // The client-reported IP is never stored raw; the connection IP goes through the IP policy instead.
    const { ip: _ip, ...rest } = context;
    obj.context = rest;
  }
  let planViolations: string[] | undefined;
  if (ctx.plan) {
    // Only the collector flags: a client-sent `planViolations` is dropped.
    if ('planViolations' in obj) delete obj.planViolations;
    const issues = checkPlannedEvent(ctx.plan, e);
    if (issues.length) {
      if (ctx.plan.onViolation !== 'flag') return { ...reject(`tracking plan: ${issues.join('; ')}`), planViolations: issues } as Prepared;
      obj.planViolations = issues;
      planViolations = issues;
    }
  }
  let payload = JSON.stringify(obj);
  // A UTF-16 unit is at most 3 UTF-8 bytes: only long payloads need counting.
  if (payload.length * 3 > LIMITS.maxEventBytes && utf8Length(payload) > LIMITS.maxEventBytes) return reject(`event larger than ${LIMITS.maxEventBytes} bytes`);

  const timestampMs = originalTimestamp ? isoMs(originalTimestamp) : undefined;
  const sentAtMs = sentAt ? isoMs(sentAt) : ctx.batchSentAtMs;
  const correctedMs = correctSkew(timestampMs, sentAtMs, ctx.receivedAtMs);
  if (correctedMs < ctx.receivedAtMs - ctx.maxPastMs || correctedMs > ctx.receivedAtMs + ctx.maxFutureMs) {
    return reject('timestamp out of range after clock-skew correction');
  }
  let messageId = e.messageId;
  if (messageId === undefined) {
    messageId = messageIdFor(payload);
    obj.messageId = messageId;
    payload = JSON.stringify(obj);
  }
  const userId = e.userId ?? undefined;
  const anonymousId = e.anonymousId ?? undefined;
  // The payload string is final, so the parsed object can become the reducer's event without a copy.
  obj.timestamp = isoString(correctedMs);
  const wire = obj as unknown as WireEvent;
  const name = e.type === 'track' ? (e.event ?? undefined) : (e.name ?? undefined);
  const event: StoredEvent = { messageId, type: e.type, timestampMs: correctedMs, receivedAtMs: ctx.receivedAtMs, payload, wire };
  if (userId !== undefined) event.userId = userId;
  if (anonymousId !== undefined) event.anonymousId = anonymousId;
  if (name !== undefined) event.name = name;
  if (originalTimestamp) event.originalTimestamp = originalTimestamp;
  if (sentAt) event.sentAt = sentAt;
  else if (ctx.batchSentAtMs !== undefined) event.sentAt = ctx.batchSentAtIso ?? isoString(ctx.batchSentAtMs);
  if (ctx.ip !== undefined) event.ip = ctx.ip;
  return planViolations ? { ok: true, event, planViolations } : { ok: true, event };
}
