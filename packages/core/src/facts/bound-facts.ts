/** Size bounds applied after every reduce and merge; deterministic, so replicas that see the same data agree. */
import { FACTS_LIMITS as L, type Facts } from './facts.js';

/** Union of two ascending number lists, deduplicated, keeping the `max` largest. */
export function unionRecent(a: number[], b: number[], max: number): number[] {
  const out: number[] = [];
  let i = a.length - 1;
  let j = b.length - 1;
  while (out.length < max && (i >= 0 || j >= 0)) {
    const x = j < 0 || (i >= 0 && a[i]! >= b[j]!) ? a[i--]! : b[j--]!;
    if (out[out.length - 1] !== x) out.push(x);
  }
  return out.reverse();
}

/** Keys of `map` beyond `max`, the ones with the smallest `age(key)` first (ties: smaller key). */
function overflow<T>(map: Record<string, T>, max: number, age: (k: string, v: T) => number): string[] {
  const keys = Object.keys(map);
  if (keys.length <= max) return [];
  return keys
    .map((k) => [age(k, map[k]!), k] as const)
    .sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1))
    .slice(0, keys.length - max)
    .map((x) => x[1]);
}

/** Removes a counter from every source, copying (never mutating) the affected source entries. */
function dropCounter(f: Facts, key: string): void {
  for (const s in f.src) {
    const { t, c } = f.src[s]!;
    if (Object.hasOwn(c, key)) {
      const copy = { ...c };
      delete copy[key];
      f.src[s] = { t, c: copy };
    }
  }
}

/**
 * Enforces `FACTS_LIMITS` on a facts value whose top-level maps the caller owns (entries may be
 * shared with other values: they are replaced, never mutated):
 * - sources beyond the cap, least recently active first, are folded (summed) into the source `"~"`;
 * - unpinned event names, least recently seen first, are evicted with their counters;
 * - session ids, traits and nudges keep the most recent entries.
 */
export function boundFacts(f: Facts): Facts {
  // Without a "~" entry yet, fold one more so that the result, "~" included, stays within the limit.
  const folded = overflow(f.src, L.sources - (Object.hasOwn(f.src, '~') ? 0 : 1), (k, v) => (k == '~' ? Infinity : v.t));
  if (folded.length) {
    const old = f.src['~'];
    const rest = (f.src['~'] = { t: old?.t ?? 0, c: { ...old?.c } });
    for (const k of folded) {
      const s = f.src[k]!;
      rest.t = Math.max(rest.t, s.t);
      for (const c in s.c) rest.c[c] = (rest.c[c] ?? 0) + s.c[c]!;
      delete f.src[k];
    }
  }
  for (const k of overflow(f.names, L.names, (_, v) => (v.p ? Infinity : v.l))) {
    if (f.names[k]!.p) break;
    delete f.names[k];
    dropCounter(f, 'e:' + k);
  }
  for (const k of overflow(f.sess, L.sessions, (_, t) => t)) delete f.sess[k];
  for (const k of overflow(f.traits, L.traits, (_, v) => v[1])) delete f.traits[k];
  for (const k of overflow(f.nudges, L.nudges, (_, n) => Math.max(n.l, n.d, n.z, n.c))) {
    delete f.nudges[k];
    dropCounter(f, 'n:' + k);
  }
  return f;
}
