/** Validates every event of a batch independently: valid ones go on, invalid ones are reported by index. */
import type { RejectedEvent } from '@waymark/core';
import type { StoredEvent } from '../storage/storage.js';
import { prepareEvent, type PrepareContext } from './prepare-event.js';

export function prepareBatch(raw: unknown[], ctx: PrepareContext): { events: StoredEvent[]; rejected: RejectedEvent[] } {
  const events: StoredEvent[] = [];
  const rejected: RejectedEvent[] = [];
  raw.forEach((item, index) => {
    const result = prepareEvent(item, ctx);
    if (result.ok) events.push(result.event);
    else rejected.push(result.messageId === undefined ? { index, reason: result.reason } : { index, messageId: result.messageId, reason: result.reason });
  });
  return { events, rejected };
}
