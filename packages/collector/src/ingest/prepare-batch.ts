/** Validates every event of a batch independently: valid ones go on, invalid ones are reported by index. */
import type { RejectedEvent } from '@waymark/core';
import type { StoredEvent } from '../storage/storage.js';
import { isoString } from './iso-string.js';
import { prepareEvent, type PrepareContext } from './prepare-event.js';

export function prepareBatch(raw: unknown[], ctx: PrepareContext): { events: StoredEvent[]; rejected: RejectedEvent[] } {
  const events: StoredEvent[] = [];
  const rejected: RejectedEvent[] = [];
  // The batch's sentAt as stored on its events: formatted once, not once per event.
  const shared = ctx.batchSentAtMs !== undefined && ctx.batchSentAtIso === undefined && Number.isFinite(ctx.batchSentAtMs)
    ? { ...ctx, batchSentAtIso: isoString(ctx.batchSentAtMs) }
    : ctx;
  for (let index = 0; index < raw.length; index++) {
    const result = prepareEvent(raw[index], shared);
    if (result.ok) events.push(result.event);
    else rejected.push(result.messageId === undefined ? { index, reason: result.reason } : { index, messageId: result.messageId, reason: result.reason });
  }
  return { events, rejected };
}
