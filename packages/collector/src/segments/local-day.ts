/** Calendar days, weeks and months in a project's IANA time zone, as integer numbers (pure; `Intl` for offsets). */
import { DAY_MS } from '@waymark/core';

export type Interval = 'day' | 'week' | 'month';

/** Offsets change only on quarter hours (all current IANA zones), so one lookup per 15 UTC minutes is exact. */
const BUCKET_MS = 15 * 60_000;

/**
 * Returns a function from epoch ms to the local day number (days since 1970-01-01 in that zone's calendar).
 * Throws a RangeError for an unknown time zone. Memoises per 15-minute bucket, so DST changes are honoured.
 */
export function localDayOf(timeZone: string): (ms: number) => number {
  if (timeZone === 'UTC') return (ms) => Math.floor(ms / DAY_MS);
  const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  const cache = new Map<number, number>();
  return (ms) => {
    const bucket = Math.floor(ms / BUCKET_MS);
    let day = cache.get(bucket);
    if (day === undefined) {
      const p = format.formatToParts(ms);
      const get = (t: string) => Number(p.find((x) => x.type === t)!.value);
      day = Math.floor(Date.UTC(get('year'), get('month') - 1, get('day')) / DAY_MS);
      if (cache.size > 100_000) cache.clear();
      cache.set(bucket, day);
    }
    return day;
  };
}

/** Whether `timeZone` is an IANA name `Intl` knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    localDayOf(timeZone)(0);
    return true;
  } catch {
    return false;
  }
}

/** `YYYY-MM-DD` of a day number. */
export const isoOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Day number of `YYYY-MM-DD`, or undefined when it is not a valid date. */
export function dayOfIso(iso: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(ms) && isoOfDay(ms / DAY_MS) === iso ? ms / DAY_MS : undefined;
}

/** The period number a day falls in: the day itself, the Monday-based week, or months since 1970-01. */
export function periodOf(day: number, interval: Interval): number {
  if (interval === 'day') return day;
  if (interval === 'week') return Math.floor((day + 3) / 7); // 1970-01-01 was a Thursday; weeks start on Monday
  // Civil date from a day number without a Date (H. Hinnant's days_from_civil inverse): ~20x faster per call.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9; // 1..12
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return (year - 1970) * 12 + month - 1;
}

/** The first day of a period. */
export function periodStart(period: number, interval: Interval): number {
  if (interval === 'day') return period;
  if (interval === 'week') return period * 7 - 3;
  return Date.UTC(1970 + Math.floor(period / 12), ((period % 12) + 12) % 12, 1) / DAY_MS;
}

/** The last day of a period. */
export const periodEnd = (period: number, interval: Interval): number => periodStart(period + 1, interval) - 1;
