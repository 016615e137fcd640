/**
 * Retention cohorts (PostHog's definitions, research/segmentation.md §4.5): a user belongs to the cohort of the
 * period they were first seen in (one cohort each); bounded ("on") retention counts the users active in exactly
 * period i after it, unbounded ("on or after") those active in period i or any later one. Period 0 is the whole
 * cohort by definition. Returning is on any activity, or on one chosen event when the caller passes that event's days.
 */
import { periodOf, type Interval } from './local-day.js';

export interface Cohort {
  /** Period number of the cohort (see `periodOf`). */
  period: number;
  size: number;
  /** Index i = users returning in period cohort + i; only periods up to `now` are listed. */
  bounded: number[];
  unbounded: number[];
}

export interface RetentionInput {
  /** Local day first seen. */
  first: number;
  /** Local days the user did the returning action (any activity, or the chosen event), ascending. */
  days: readonly number[];
}

/**
 * Cohorts from period `from` to `to` (inclusive), each followed for at most `periods` periods and never past `to`.
 */
export function retentionCohorts(users: Iterable<RetentionInput>, interval: Interval, from: number, to: number, periods: number): Cohort[] {
  const cohorts = new Map<number, Cohort>();
  for (let p = from; p <= to; p++) {
    const len = Math.min(periods, to - p + 1);
    cohorts.set(p, { period: p, size: 0, bounded: new Array<number>(len).fill(0), unbounded: new Array<number>(len).fill(0) });
  }
  for (const user of users) {
    const c = periodOf(user.first, interval);
    const cohort = cohorts.get(c);
    if (!cohort) continue;
    cohort.size++;
    const len = cohort.bounded.length;
    let last = 0;
    let previous = 0;
    for (const day of user.days) {
      const i = periodOf(day, interval) - c;
      if (i <= previous || i >= len) {
        if (i >= len) last = Math.max(last, len - 1);
        continue;
      }
      cohort.bounded[i]!++;
      previous = last = i;
    }
    for (let i = 1; i <= last; i++) cohort.unbounded[i]!++;
  }
  const out = [...cohorts.values()];
  for (const c of out) if (c.bounded.length) c.bounded[0] = c.unbounded[0] = c.size;
  return out;
}

/** Size-weighted mean rate per period index over the cohorts that reached it. */
export function weightedRates(cohorts: readonly Cohort[], pick: (c: Cohort) => number[]): number[] {
  const width = Math.max(0, ...cohorts.map((c) => c.bounded.length));
  return Array.from({ length: width }, (_, i) => {
    let num = 0;
    let den = 0;
    for (const c of cohorts) if (c.bounded.length > i) (num += pick(c)[i]!), (den += c.size);
    return den ? num / den : 0;
  });
}
