/** The join of two facts values: idempotent, commutative and associative (while within `FACTS_LIMITS`). */
import { boundFacts, unionRecent } from './bound-facts.js';
import { emptyFacts, FACTS_LIMITS as L, type Facts, type NameFacts, type SourceCounters } from './facts.js';

/** The earliest of two times where 0 means "never". */
export const minTime = (a: number, b: number): number => (a && b ? Math.min(a, b) : a || b);

function mergeMap<T>(a: Record<string, T>, b: Record<string, T>, join: (x: T, y: T) => T): Record<string, T> {
  const out: Record<string, T> = { ...a };
  for (const k in b) out[k] = Object.hasOwn(a, k) ? join(a[k]!, b[k]!) : b[k]!;
  return out;
}

const mergeSource = (a: SourceCounters, b: SourceCounters): SourceCounters => ({ t: Math.max(a.t, b.t), c: mergeMap(a.c, b.c, Math.max) });

const mergeName = (a: NameFacts, b: NameFacts): NameFacts => ({
  f: minTime(a.f, b.f),
  l: Math.max(a.l, b.l),
  r: unionRecent(a.r, b.r, L.recentTimes),
  ...(a.p || b.p ? { p: 1 } : {}),
});

/** Last writer wins by time; equal times are broken by the larger JSON text, so the order of merging never matters. */
export const lww = <T>(a: [T, number], b: [T, number]): [T, number] =>
  a[1] != b[1] ? (a[1] > b[1] ? a : b) : JSON.stringify(a[0]) >= JSON.stringify(b[0]) ? a : b;

/**
 * Merges two facts values of the same user (e.g. the device's own and a server snapshot), counting
 * every event once: times merge by min/max, sets by union, counters per source by max.
 * Neither input is modified. Beyond `FACTS_LIMITS` the oldest entries are folded or evicted
 * deterministically (see `boundFacts`); the join laws hold exactly while within the limits.
 */
export function mergeFacts(a: Facts, b: Facts): Facts {
  // Values read back from storage may predate a field: missing fields are empty.
  [a, b] = [{ ...emptyFacts(), ...a }, { ...emptyFacts(), ...b }];
  return boundFacts({
    v: 1,
    first: minTime(a.first, b.first),
    last: Math.max(a.last, b.last),
    active: Math.max(a.active, b.active),
    churn: Math.max(a.churn, b.churn),
    days: unionRecent(a.days, b.days, L.activeDays),
    src: mergeMap(a.src, b.src, mergeSource),
    names: mergeMap(a.names, b.names, mergeName),
    sess: mergeMap(a.sess, b.sess, minTime),
    traits: mergeMap(a.traits, b.traits, lww),
    until: mergeMap(a.until, b.until, Math.max),
  });
}
