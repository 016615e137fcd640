/** Clock-skew correction (DESIGN.md §2): event time = receivedAt − (sentAt − timestamp). */

/**
 * `timestampMs` and `sentAtMs` come from the device clock, `receivedAtMs` from ours; their difference
 * cancels the device's offset. Without `sentAt` the device time is kept; without `timestamp` the event
 * happened when it was sent.
 */
export function correctSkew(timestampMs: number | undefined, sentAtMs: number | undefined, receivedAtMs: number): number {
  if (timestampMs === undefined) return receivedAtMs;
  if (sentAtMs === undefined) return timestampMs;
  return receivedAtMs - (sentAtMs - timestampMs);
}
