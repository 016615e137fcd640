/** The join of two facts values: idempotent, commutative and associative (while within `FACTS_LIMITS`). */
import { boundFacts } from './bound-facts.js';
import { emptyFacts, FACTS_LIMITS as L, joinSource, mergeMap, type Facts, type NameFacts } from './facts.js';

/** The earliest of two times where 0 means "never". */
export const minTime = (a: number, b: number): number => (a && b ? Math.min(a, b) : a || b);

/** Union of two ascending number lists, deduplicated, keeping the `max` largest. */
export function unionRecent(a: number[], b: number[], max: number): number[] {
  const out: number[] = [];
  for (let i = a.length - 1, j = b.length - 1; out.length < max && (i >= 0 || j >= 0); ) {
    const x = j < 0 || a[i]! >= b[j]! ? a[i--]! : b[j--]!;
    if (out[out.length - 1] !== x) out.push(x);
  }
  return out.reverse();
}

/** The join of two names' times (also how `reduceFacts` records one occurrence). */
export const mergeName = (a: NameFacts, b: NameFacts): NameFacts => ({
  f: minTime(a.f, b.f),
  l: Math.max(a.l, b.l),
  r: unionRecent(a.r, b.r, L.recentTimes),
  ...(a.p || b.p ? { p: 1 } : {}),
});

/** Last writer wins by time; equal times are broken by the larger JSON text, so the order of merging never matters. */
export const lww = <T>(a: [T, number], b: [T, number]): [T, number] =>
  a[1] != b[1] ? (a[1] > b[1] ? a : b) : JSON.stringify(a[0]) >= JSON.stringify(b[0]) ? a : b;

const max = Math.max;

/** How each field joins: times by min/max, sets by union, counters per source by max (`nbuy` also by the union's size, below). */
const JOINS: { [K in keyof Facts]: (a: any, b: any) => Facts[K] } = {
  v: () => 1,
  first: minTime,
  last: max,
  active: max,
  churn: max,
  days: (a, b) => unionRecent(a, b, L.activeDays),
  src: mergeMap(joinSource(max)),
  names: mergeMap(mergeName),
  sess: mergeMap(minTime),
  traits: mergeMap(lww),
  until: mergeMap(max),
  buy: (a, b) => unionRecent(a, b, L.purchaseDays),
  nbuy: max,
  buy0: minTime,
};

/**
 * Merges two facts values of the same user (e.g. the device's own and a server snapshot), counting
 * every event once: times merge by min/max, sets by union, counters per source by max.
 * Neither input is modified. Beyond `FACTS_LIMITS` the oldest entries are folded or evicted
 * deterministically (see `boundFacts`); the join laws hold exactly while within the limits.
 */
export function mergeFacts(a: Facts, b: Facts): Facts {
  const out = {} as Record<string, unknown>;
  const e = emptyFacts();
  // Values read back from storage may predate a field: missing fields are empty.
  for (const k in e) out[k] = JOINS[k as keyof Facts](a[k as keyof Facts] ?? e[k as keyof Facts], b[k as keyof Facts] ?? e[k as keyof Facts]);
  const f = out as unknown as Facts;
  // The union of two purchase-day lists may hold more days than either count: the count is at least its size.
  f.nbuy = max(f.nbuy, f.buy.length);
  return boundFacts(f);
}
