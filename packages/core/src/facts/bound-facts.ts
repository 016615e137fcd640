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

/**
 * Deletes the entries of `map` beyond `max`, smallest `age` first (ties: smaller key); returns them in
 * that order. One or a few entries over (the usual case: one event added one entry) are found by linear
 * scans instead of a sort.
 */
function evict<T>(map: Record<string, T>, max: number, age: (v: T, k: string) => number): [string, T][] {
  const keys = Object.keys(map);
  const excess = keys.length - Math.max(0, max);
  if (excess <= 0) return [];
  const before = (x: string, ax: number, y: string, ay: number) => ax < ay || (ax == ay && x < y);
  let out: string[];
  if (excess <= 4) {
    out = [];
    const ages = keys.map((k) => age(map[k]!, k));
    for (let n = 0; n < excess; n++) {
      let best = -1;
      for (let i = 0; i < keys.length; i++)
        if (ages[i] === ages[i] && (best < 0 || before(keys[i]!, ages[i]!, keys[best]!, ages[best]!))) best = i;
      out.push(keys[best]!);
      ages[best] = NaN; // taken
    }
  } else out = keys.sort((x, y) => age(map[x]!, x) - age(map[y]!, y) || (x < y ? -1 : 1)).slice(0, excess);
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
  // Without a "~" entry yet, fold one more so that the result, "~" included, stays within the limit.
  const folded = evict(src, L.sources - (old ? 0 : 1), (v, k) => (k == '~' ? Infinity : v.t));
  if (folded.length) {
    const rest = { t: old?.t ?? 0, c: { ...old?.c } };
    for (const [, s] of folded) {
      rest.t = Math.max(rest.t, s.t);
      for (const c in s.c) rest.c[c] = (rest.c[c] ?? 0) + s.c[c]!;
    }
    src['~'] = rest;
  }
  let pinned = 0;
  for (const k in names) if (names[k]!.p) pinned++;
  const gone = [...evict(names, L.names + pinned, (n) => (n.p ? Infinity : n.l)), ...evict(names, L.allNames, (n) => n.l)];
  if (gone.length) {
    const drop = new Set(gone.map(([k]) => 'e:' + k));
    for (const s in src) {
      const { t, c } = src[s]!;
      if (gone.some(([k]) => Object.hasOwn(c, 'e:' + k))) src[s] = { t, c: Object.fromEntries(Object.entries(c).filter(([k]) => !drop.has(k))) };
    }
  }
  evict(f.sess, L.sessions, (t) => t);
  evict(f.traits, L.traits, (v) => v[1]);
  evict(f.until, L.snoozes, (t) => t);
  return f;
}
