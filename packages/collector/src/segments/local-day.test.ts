import { describe, expect, it } from 'vitest';
import { dayOfIso, isoOfDay, localDayOf, periodEnd, periodOf, periodStart } from './local-day.js';

const day = (iso: string) => dayOfIso(iso)!;

describe('localDayOf', () => {
  it.each([
    ['UTC', '2026-03-29T00:30:00Z', '2026-03-29'],
    ['Europe/Paris', '2026-03-28T23:30:00Z', '2026-03-29'], // UTC+1 before the change
    ['Europe/Paris', '2026-03-29T21:59:00Z', '2026-03-29'], // UTC+2 after the change (02:00 → 03:00 local)
    ['Europe/Paris', '2026-03-29T22:00:00Z', '2026-03-30'],
    ['Europe/Paris', '2026-10-25T22:59:00Z', '2026-10-25'], // back to UTC+1 on 25 Oct: local 23:59
    ['Europe/Paris', '2026-10-25T23:00:00Z', '2026-10-26'],
    ['America/New_York', '2026-03-08T04:59:00Z', '2026-03-07'], // EST until 07:00Z
    ['America/New_York', '2026-03-09T03:59:00Z', '2026-03-08'], // EDT (UTC-4)
    ['America/New_York', '2026-03-09T04:00:00Z', '2026-03-09'],
    ['Asia/Kolkata', '2026-06-01T18:29:00Z', '2026-06-01'], // UTC+5:30
    ['Asia/Kolkata', '2026-06-01T18:30:00Z', '2026-06-02'],
    ['Australia/Lord_Howe', '2026-04-04T12:59:00Z', '2026-04-04'], // +11 in summer: local 23:59
    ['Australia/Lord_Howe', '2026-06-01T13:29:00Z', '2026-06-01'], // +10:30 in winter (a half-hour DST shift)
    ['Australia/Lord_Howe', '2026-06-01T13:30:00Z', '2026-06-02'],
  ])('%s: %s is %s', (tz, at, iso) => {
    expect(isoOfDay(localDayOf(tz)(Date.parse(at)))).toBe(iso);
  });

  it('throws on an unknown zone', () => {
    expect(() => localDayOf('Mars/Olympus')).toThrow(RangeError);
  });
});

describe('periods', () => {
  it.each([
    ['2026-12-06', 'week', '2026-11-30', '2026-12-06'], // a Sunday belongs to the week starting Monday 30 Nov
    ['2026-11-30', 'week', '2026-11-30', '2026-12-06'],
    ['2026-02-14', 'month', '2026-02-01', '2026-02-28'],
    ['2024-02-29', 'month', '2024-02-01', '2024-02-29'],
    ['1969-12-31', 'month', '1969-12-01', '1969-12-31'],
    ['2026-12-06', 'day', '2026-12-06', '2026-12-06'],
  ] as const)('%s in its %s runs %s..%s', (d, interval, start, end) => {
    const p = periodOf(day(d), interval);
    expect(isoOfDay(periodStart(p, interval))).toBe(start);
    expect(isoOfDay(periodEnd(p, interval))).toBe(end);
    expect(periodOf(day(start), interval)).toBe(p);
    expect(periodOf(day(end) + 1, interval)).toBe(p + 1);
  });

  it('rejects dates that do not exist', () => {
    expect(dayOfIso('2026-02-30')).toBeUndefined();
    expect(dayOfIso('2026-2-3')).toBeUndefined();
    expect(dayOfIso('2026-12-06')).toBe(Date.UTC(2026, 11, 6) / 86_400_000);
  });
});

describe('periodOf month', () => {
  it('agrees with the calendar for every day from 1900 to 2200', () => {
    for (let d = dayOfIso('1900-01-01')!; d <= dayOfIso('2200-12-31')!; d += 1) {
      const date = new Date(d * 86_400_000);
      if (periodOf(d, 'month') !== (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth()) throw new Error(`day ${d} (${isoOfDay(d)})`);
    }
  });
});
