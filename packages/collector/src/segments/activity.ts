/**
 * Per-user activity history for the population models: the local day first seen and every local day with
 * activity, folded from stored events (the facts keep only 90 recent UTC days, too few for lifecycle over a long
 * range or in another time zone). Folding is a join (min of first days, union of days), so the result is the
 * same for any event order and any split into batches.
 */

/** One user's history: local day numbers (see `localDayOf`). */
export interface UserActivity {
  /** First seen: the local day of the user's first event of any type. */
  first: number;
  /** Days with activity (track/page/screen other than churn signals), ascending, distinct. */
  days: number[];
}

/** One stored event as the fold reads it. */
export interface ActivityEvent {
  /** `u:<userId>` (anonymous ids resolved through identity links when scanned) or `a:<anonymousId>`. */
  key: string;
  /** Set when the event carries an anonymous id: an identified event folds that id's earlier history into `key`. */
  anonymousId?: string;
  timestampMs: number;
  /** Counts as activity (not identify/group/alias, not a churn signal). */
  active: boolean;
}

/** Inserts `day` into the ascending distinct list (in place). */
export function addDay(days: number[], day: number): void {
  const last = days[days.length - 1];
  if (last === undefined || day > last) {
    days.push(day);
    return;
  }
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  if (days[lo] !== day) days.splice(lo, 0, day);
}

/** The join of two histories. */
export function mergeActivity(a: UserActivity, b: UserActivity): UserActivity {
  const days = [...a.days];
  for (const d of b.days) addDay(days, d);
  return { first: Math.min(a.first, b.first), days };
}

/**
 * Folds events into `state` (mutated) and returns the keys whose history changed (and the anonymous keys
 * folded into a user's, which are deleted from `state`).
 */
export function foldActivity(state: Map<string, UserActivity>, events: Iterable<ActivityEvent>, dayOf: (ms: number) => number): Set<string> {
  const changed = new Set<string>();
  for (const e of events) {
    const day = dayOf(e.timestampMs);
    let user = state.get(e.key);
    if (!user) state.set(e.key, (user = { first: day, days: [] }));
    if (day < user.first) user.first = day;
    if (e.active) addDay(user.days, day);
    changed.add(e.key);
    if (e.anonymousId !== undefined && e.key.startsWith('u:')) {
      const anonymousKey = `a:${e.anonymousId}`;
      const earlier = state.get(anonymousKey);
      if (earlier) {
        state.set(e.key, mergeActivity(state.get(e.key)!, earlier));
        state.delete(anonymousKey);
        changed.add(anonymousKey);
      }
    }
  }
  return changed;
}

/** Days as a bitmap from the first one (bit i of byte i>>3 = day `days[0] + i`): the stored form. */
export function encodeDays(days: readonly number[]): Uint8Array {
  if (!days.length) return new Uint8Array(0);
  const base = days[0]!;
  const bits = new Uint8Array(((days[days.length - 1]! - base) >> 3) + 1);
  for (const d of days) bits[(d - base) >> 3]! |= 1 << ((d - base) & 7);
  return bits;
}

/** The inverse of `encodeDays`, given the first day. */
export function decodeDays(base: number, bits: Uint8Array): number[] {
  const days: number[] = [];
  for (let i = 0; i < bits.length; i++) {
    const byte = bits[i]!;
    if (byte) for (let j = 0; j < 8; j++) if (byte & (1 << j)) days.push(base + i * 8 + j);
  }
  return days;
}
