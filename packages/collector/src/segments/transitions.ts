/** Segment transitions between two daily snapshots (who moved from active to dormant), and segment sizes of one. */

/** One user's state in a daily snapshot: core's `evaluateStatus` status and the `config.segments` ids matched. */
export interface UserState {
  status: string;
  segments: readonly string[];
}

/** A status name for users missing from one of the two snapshots (not yet seen, or erased). */
export const ABSENT = 'absent';

export interface Transitions {
  /** matrix[fromStatus][toStatus] = users; only non-zero cells. */
  statuses: Record<string, Record<string, number>>;
  /** Per custom segment: members in both, only in `after`, only in `before`. */
  segments: Record<string, { stayed: number; entered: number; left: number }>;
}

export interface Sizes {
  statuses: Record<string, number>;
  segments: Record<string, number>;
}

const bump = (m: Record<string, number>, k: string, by = 1) => (m[k] = (m[k] ?? 0) + by);

export function transitionsBetween(before: ReadonlyMap<string, UserState>, after: ReadonlyMap<string, UserState>): Transitions {
  const out: Transitions = { statuses: {}, segments: {} };
  const seg = (id: string) => (out.segments[id] ??= { stayed: 0, entered: 0, left: 0 });
  const visit = (key: string, a: UserState | undefined, b: UserState | undefined) => {
    bump((out.statuses[a?.status ?? ABSENT] ??= {}), b?.status ?? ABSENT);
    const was = new Set(a?.segments ?? []);
    const now = new Set(b?.segments ?? []);
    for (const id of now) seg(id)[was.has(id) ? 'stayed' : 'entered']++;
    for (const id of was) if (!now.has(id)) seg(id).left++;
    void key;
  };
  for (const [key, a] of before) visit(key, a, after.get(key));
  for (const [key, b] of after) if (!before.has(key)) visit(key, undefined, b);
  return out;
}

export function sizesOf(states: Iterable<UserState>): Sizes {
  const out: Sizes = { statuses: {}, segments: {} };
  for (const s of states) {
    bump(out.statuses, s.status);
    for (const id of s.segments) bump(out.segments, id);
  }
  return out;
}
