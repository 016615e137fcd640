/** Generated event populations for the segment models' property tests (fast-check arbitraries). */
import fc from 'fast-check';
import type { ActivityEvent } from './activity.js';

const START_MS = Date.UTC(2026, 0, 1);
const SPAN_MS = 120 * 86_400_000;

/** Events of up to 12 users over ~4 months, some of them not activity (identify, churn signals). */
export const eventsArb = fc.array(
  fc.record({ user: fc.integer({ min: 0, max: 11 }), offsetMs: fc.integer({ min: 0, max: SPAN_MS }), active: fc.boolean() }).map(
    ({ user, offsetMs, active }): ActivityEvent => ({ key: `u:${user}`, timestampMs: START_MS + offsetMs, active }),
  ),
  { maxLength: 120 },
);

/** Splits `items` into consecutive batches at the given cut points. */
export function splitAt<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const at = [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b);
  const out: T[][] = [];
  let prev = 0;
  for (const c of [...at, items.length]) {
    out.push(items.slice(prev, c));
    prev = c;
  }
  return out;
}

/** A permutation of `items` from a list of swap indices. */
export function shuffled<T>(items: readonly T[], swaps: readonly number[]): T[] {
  const out = [...items];
  swaps.forEach((s, i) => {
    if (!out.length) return;
    const a = i % out.length;
    const b = s % out.length;
    [out[a], out[b]] = [out[b]!, out[a]!];
  });
  return out;
}
