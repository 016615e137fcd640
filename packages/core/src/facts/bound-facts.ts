/** Size bounds applied after every reduce and merge; deterministic, so replicas that see the same data agree. */
import { FACTS_LIMITS as L, type Facts } from './facts.js';

/** Union of two ascending number lists, deduplicated, keeping the `max` largest. */
export function unionRecent(a: number[], b: number[], max: number): number[] {
  const out: number[] = [];
  for (let i = a.length - 1, j = b.length - 1; out.length < max && (i >= 0 || j >= 0); ) {
    const x = j < 0 || a[i]! >= b[j]! ? a[i--]! : b[j--]!;
    if (out[out.length - 1] !== x) out.push(x);
  }
  return out.reverse();
}

/** Deletes the entries of `map` beyond `max`, smallest `age` first (ties: smaller key); returns them. */
function evict<T>(map: Record<string, T>, max: number, age: (v: T, k: string) => number): [string, T][] {
  const keys = Object.keys(map);
  if (keys.length <= max) return [];
  const out = keys
    .sort((x, y) => age(map[x]!, x) - age(map[y]!, y) || (x < y ? -1 : 1))
    .slice(0, Math.max(0, keys.length - max));
  return out.map((k) => {
    const v = map[k]!;
    delete map[k];
    return [k, v];
  });
}

/**
 * Enforces `FACTS_LIMITS` on a facts value whose top-level maps the caller owns (entries may be
 * shared with other values: they are replaced, never mutated):
 * - sources beyond the cap, least recently active first, are folded (summed) into the source `"~"`;
 * - unpinned event names beyond the cap, then any names beyond the overall cap, least recently seen
 *   first, are evicted with their counters;
 * - session ids, traits and snoozes keep the most recent entries.
 */
export function boundFacts(f: Facts): Facts {
  const { src, names } = f;
  const old = src['~'];
  const rest = { t: old?.t ?? 0, c: { ...old?.c } };
  // Without a "~" entry yet, fold one more so that the result, "~" included, stays within the limit.
  for (const [, s] of evict(src, L.sources - (old ? 0 : 1), (v, k) => (k == '~' ? Infinity : v.t))) {
    rest.t = Math.max(rest.t, s.t);
    for (const c in s.c) rest.c[c] = (rest.c[c] ?? 0) + s.c[c]!;
    src['~'] = rest;
  }
  let pinned = 0;
  for (const k in names) if (names[k]!.p) pinned++;
  const gone = [...evict(names, L.names + pinned, (n) => (n.p ? Infinity : n.l)), ...evict(names, L.allNames, (n) => n.l)];
  for (const s in src) {
    const { t, c } = src[s]!;
    const drop = gone.filter(([k]) => Object.hasOwn(c, 'e:' + k));
    if (drop.length) {
      const copy = { ...c };
      for (const [k] of drop) delete copy['e:' + k];
      src[s] = { t, c: copy };
    }
  }
  evict(f.sess, L.sessions, (t) => t);
  evict(f.traits, L.traits, (v) => v[1]);
  evict(f.until, L.snoozes, (t) => t);
  return f;
}
