/** Validates every event of a batch independently: valid ones go on, invalid ones are reported by index. */
import type { RejectedEvent } from '@waymark/core';
import type { StoredEvent } from '../storage/storage.js';
import { isoString } from './iso-string.js';
import { prepareEvent, type PrepareContext } from './prepare-event.js';

/** A tracking-plan violation found in a batch: the event's name, and whether it was stored flagged or rejected. */
export interface PlanViolation {
  event: string;
  action: 'flagged' | 'rejected';
  reasons: string[];
}

export function prepareBatch(raw: unknown[], ctx: PrepareContext): { events: StoredEvent[]; rejected: RejectedEvent[]; planViolations: PlanViolation[] } {
  const events: StoredEvent[] = [];
  const rejected: RejectedEvent[] = [];
  const planViolations: PlanViolation[] = [];
  // The batch's sentAt as stored on its events: formatted once, not once per event.
  const shared = ctx.batchSentAtMs !== undefined && ctx.batchSentAtIso === undefined && Number.isFinite(ctx.batchSentAtMs)
    ? { ...ctx, batchSentAtIso: isoString(ctx.batchSentAtMs) }
    : ctx;
  for (let index = 0; index < raw.length; index++) {
    const result = prepareEvent(raw[index], shared);
    if (result.ok) events.push(result.event);
    else rejected.push(result.messageId === undefined ? { index, reason: result.reason } : { index, messageId: result.messageId, reason: result.reason });
    if (result.planViolations) {
      const event = String((raw[index] as { event?: unknown }).event);
      planViolations.push({ event, action: result.ok ? 'flagged' : 'rejected', reasons: result.planViolations });
    }
  }
  return { events, rejected, planViolations };
}
