/** The one error class the SDK reports through `on('error')`; it never throws into the host app. */

export type WaymarkErrorCode =
  /** IndexedDB is unavailable or failed: the queue now lives in memory for this page. */
  | 'storage'
  /** The collector rejected an event as invalid; it was dropped. */
  | 'rejected'
  /** Events were dropped on the device (queue caps, maximum age, oversized event). */
  | 'dropped'
  /** A send failed (network error, 429, 5xx, 401/403); the events stay queued and are retried. */
  | 'delivery'
  /** A call was invalid (e.g. missing event name); nothing was tracked. */
  | 'usage'
  /** The collector refused a status read (401/403: a missing or wrong userHash, an unknown write key); reported once per user. */
  | 'status';

export class WaymarkError extends Error {
  declare readonly code: WaymarkErrorCode;
  /** Message ids of the events concerned, when there are any. */
  declare readonly messageIds: string[];
  constructor(code: WaymarkErrorCode, message: string, messageIds: string[] = [], cause?: unknown) {
    super(message, { cause });
    // Assigned, not declared as fields, so the bundle carries no class-field helper.
    Object.assign(this, { name: 'WaymarkError', code, messageIds });
  }
}
