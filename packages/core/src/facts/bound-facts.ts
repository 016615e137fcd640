/** Size bounds applied after every reduce and merge; deterministic, so replicas that see the same data agree. */
import { FACTS_LIMITS as L, joinSource, type Facts } from './facts.js';

/**
 * Deletes the entries of `map` beyond `max`, smallest `age` first (ties: smaller key); returns them in
 * that order. Each is found by a linear scan: usually one entry is over (one event added one).
 */
function evict<T>(map: Record<string, T>, max: number, age: (v: T, k: string) => number): [string, T][] {
  const keys = Object.keys(map);
  const out: [string, T][] = [];
  while (keys.length > max) {
    let i = 0;
    for (let j = 1; j < keys.length; j++) {
      const x = keys[j]!;
      const y = keys[i]!;
      const a = age(map[x]!, x);
      const b = age(map[y]!, y);
      if (a < b || (a == b && x < y)) i = j;
    }
    const [k] = keys.splice(i, 1) as [string];
    out.push([k, map[k]!]);
    delete map[k];
  }
  return out;
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
  if (folded.length) src['~'] = folded.map((e) => e[1]).reduce(joinSource((x, y) => x + y), old ?? { t: 0, c: {} });
  const gone = [
    ...evict(names, L.names + Object.values(names).filter((n) => n.p).length, (n) => (n.p ? Infinity : n.l)),
    ...evict(names, L.allNames, (n) => n.l),
  ];
  if (gone.length)
    for (const s in src) {
      const c = { ...src[s]!.c };
      for (const [k] of gone) delete c['e:' + k];
      src[s] = { t: src[s]!.t, c };
    }
  evict(f.sess, L.sessions, (t) => t);
  evict(f.traits, L.traits, (v) => v[1]);
  evict(f.until, L.snoozes, (t) => t);
  return f;
}
