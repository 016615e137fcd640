/** Reads the Segment-spec dialects of Segment's and RudderStack's browser libraries as the collector's own envelope. */

/**
 * Rewrites, in place, the few fields where the browser libraries depart from the envelope. `@segment/analytics-next`
 * puts the write key on every event, also inside a `/v1/b` batch (plugins/segmentio/normalize.ts): it is the
 * request's credential, not event data, so it is not stored. `@rudderstack/analytics-js` v3 (seen on the wire from
 * 3.34.1; RudderStack's own server reads these the same way):
 * - `userId: ""` before identify (and an empty `anonymousId`) means no id, not an id that is empty;
 * - the device time is `originalTimestamp` (there is no `timestamp`): it becomes `timestamp`, so clock skew is
 *   corrected from it and `sentAt` as for any event, and is kept as the original time;
 * - `context.sessionId` is a number (the session's start in ms): stored as its decimal string, so sessions count;
 * - identify carries the traits in `context.traits` only: they become `traits` when the event has none.
 * Events in the collector's own shape pass unchanged. `event` is a parsed JSON object the caller owns.
 */
export function normalizeDialect(event: Record<string, unknown>): void {
  if ('writeKey' in event) delete event.writeKey;
  if (event.userId === '') delete event.userId;
  if (event.anonymousId === '') delete event.anonymousId;
  if (event.timestamp == null && typeof event.originalTimestamp === 'string') event.timestamp = event.originalTimestamp;
  const context = event.context;
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return;
  const ctx = context as Record<string, unknown>;
  if (typeof ctx.sessionId === 'number' && Number.isFinite(ctx.sessionId)) ctx.sessionId = String(ctx.sessionId);
  if (event.type === 'identify' && event.traits == null && typeof ctx.traits === 'object' && ctx.traits !== null && !Array.isArray(ctx.traits)) {
    event.traits = ctx.traits;
  }
}
