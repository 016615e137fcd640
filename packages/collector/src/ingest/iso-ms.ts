/**
 * `Date.parse` for the one form clients send almost always, `toISOString()`'s `YYYY-MM-DDTHH:MM:SS.sssZ`
 * (or without the milliseconds), with plain digit arithmetic: V8's date parser tokenises every string
 * (~2,600 instructions a call, three calls per ingested event). Any other form, and days past the 28th (left
 * to Date's month lengths), answers `undefined`: callers then use `Date.parse`. A property test checks that
 * a number is always `Date.parse`'s own answer.
 */
const ZERO = 48;

/** The digits at `s[at..at+n)` as a number, or -1 when one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Days from 1970-01-01 to the first of `month` (1-12) in `year` (H. Hinnant's days-from-civil). */
function daysFromCivil(year: number, month: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5);
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** Milliseconds of a canonical UTC ISO time, or `undefined` when `s` is in any other form (use `Date.parse`). */
export function canonicalIsoMs(s: string): number | undefined {
  const length = s.length;
  if (length !== 24 && length !== 20) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58
    || s.charCodeAt(16) !== 58 || s.charCodeAt(length - 1) !== 90) return undefined; // - - T : : Z
  if (length === 24 && s.charCodeAt(19) !== 46) return undefined; // .
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hours = digits(s, 11, 2);
  const minutes = digits(s, 14, 2);
  const seconds = digits(s, 17, 2);
  const millis = length === 24 ? digits(s, 20, 3) : 0;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 || hours < 0 || hours > 23
    || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 || millis < 0) return undefined;
  return (daysFromCivil(year, month) + day - 1) * 86_400_000 + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + millis;
}

/** `Date.parse(s)`, through `canonicalIsoMs` when `s` is in the canonical form. */
export const isoMs = (s: string): number => canonicalIsoMs(s) ?? Date.parse(s);
