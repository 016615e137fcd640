/** Deterministic holdout assignment: the same user and nudge always land on the same side, on every device. */

/** 32-bit FNV-1a over UTF-16 code units, finished with murmur3's avalanche so that close inputs spread evenly. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Whether the user is in the nudge's holdout: `hash32(userKey + '|' + nudgeId) / 2^32 < share`.
 * `userKey` is the userId when known, else the anonymousId (so the assignment can change at identify).
 */
export function inHoldout(userKey: string, nudgeId: string, share: number): boolean {
  return hash32(`${userKey}|${nudgeId}`) / 4294967296 < share;
}
