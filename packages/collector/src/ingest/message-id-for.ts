/** A deterministic messageId for events sent without one (Segment's HTTP API makes it optional). */

/**
 * FNV-1a 64-bit over the event's JSON: a retry of the same body gets the same id and is deduped, at the
 * cost that two byte-identical events without ids count once. Clients should send their own ids.
 */
export function messageIdFor(payload: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < payload.length; i++) {
    h ^= BigInt(payload.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return `srv-${h.toString(16).padStart(16, '0')}`;
}
