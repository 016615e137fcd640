/**
 * Lifecycle over time, exactly as PostHog defines it (research/segmentation.md §4.1), per day, week or month:
 * new = active in the period it was created (first seen) in; returning = active this period and the previous one;
 * resurrecting = active this period, not the previous one, and not new (a user first seen before their first
 * activity is resurrecting, not new); dormant = not active this period, active the previous one.
 */
import type { UserActivity } from './activity.js';
import { periodOf, type Interval } from './local-day.js';

export interface LifecycleCounts {
  interval: Interval;
  /** Period number of index 0 (see `periodOf`). */
  from: number;
  /** Per period from `from` on: */
  new: number[];
  returning: number[];
  resurrecting: number[];
  dormant: number[];
}

/** Counts per period in [from, to] (period numbers) over every user. O(total active periods). */
export function lifecycleCounts(users: Iterable<UserActivity>, interval: Interval, from: number, to: number): LifecycleCounts {
  const n = Math.max(0, to - from + 1);
  const zeros = () => new Array<number>(n).fill(0);
  const out: LifecycleCounts = { interval, from, new: zeros(), returning: zeros(), resurrecting: zeros(), dormant: zeros() };
  const inRange = (p: number) => p >= from && p <= to;
  for (const user of users) {
    const created = periodOf(user.first, interval);
    let previous = Number.NEGATIVE_INFINITY;
    for (const day of user.days) {
      const p = periodOf(day, interval);
      if (p === previous) continue;
      if (previous !== Number.NEGATIVE_INFINITY && p > previous + 1 && inRange(previous + 1)) out.dormant[previous + 1 - from]!++;
      if (inRange(p)) {
        const bucket = p === created ? out.new : p === previous + 1 ? out.returning : out.resurrecting;
        bucket[p - from]!++;
      }
      previous = p;
    }
    if (previous !== Number.NEGATIVE_INFINITY && inRange(previous + 1)) out.dormant[previous + 1 - from]!++;
  }
  return out;
}
