import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ElogFormatError, parseElogDate } from './elog-rows.js';
import { parseElog } from './parse-elog.js';

const LOG = `cust,when,sales
a,2024-01-01,10
a,2024-01-01,5
a,20240108,20
a,2024-01-15T10:00:00Z,30
b,2024-01-08,7
c,2024-02-01,9
d,not-a-date,1
e,2024-01-02,lots
,2024-01-02,3
`;

describe('parseElog', () => {
  const s = parseElog(LOG, { customerColumn: 'cust', dateColumn: 'when', amountColumn: 'sales', calibrationEnd: '2024-01-15', unit: 'week' });

  it('merges same-day purchases, does not count the first, and measures from each customer’s first day', () => {
    expect(s.customers).toEqual([
      { id: 'a', x: 2, tx: 2, T: 2, mean: 25, firstAmount: 15 },
      { id: 'b', x: 0, tx: 0, T: 1, mean: 0, firstAmount: 7 },
    ]);
  });

  it('leaves out customers first seen after calibration and reports bad rows by line', () => {
    expect(s.lateCustomers).toBe(1);
    expect(s.calibrationEnd).toBe('2024-01-15');
    expect(s.rejected).toEqual([
      { line: 8, reason: 'bad date "not-a-date"' },
      { line: 9, reason: 'bad amount "lots"' },
      { line: 10, reason: 'no customer id' },
    ]);
  });

  it('uses days as the unit and the last day of the log as the default calibration end', () => {
    const d = parseElog(LOG, { customerColumn: 'cust', dateColumn: 'when', unit: 'day' });
    expect(d.calibrationEnd).toBe('2024-02-01');
    expect(d.customers.find((c) => c.id == 'a')).toMatchObject({ x: 2, tx: 14, T: 31, mean: 0 });
  });

  it('names a missing column', () => {
    expect(() => parseElog(LOG, { customerColumn: 'id' })).toThrow(ElogFormatError);
    expect(() => parseElog(LOG, { customerColumn: 'id' })).toThrow(/no customer column "id"/);
  });

  it.each([
    ['19970101', Date.UTC(1997, 0, 1)],
    ['1997-09-30', Date.UTC(1997, 8, 30)],
    ['1997-02-30', NaN],
    ['1997-09-30T12:00:00+02:00', Date.UTC(1997, 8, 30, 10)],
    ['30/09/1997', NaN],
  ])('reads the date %s', (text, ms) => expect(parseElogDate(text)).toBe(ms));

  it('reproduces the CDNOW calibration summary (1,411 of 2,357 at x = 0, Σx = 2,457, 946 repeat buyers)', () => {
    const text = readFileSync(new URL('../../../../../shared/data/cdnow/cdnowElog.csv', import.meta.url), 'utf8');
    const c = parseElog(text, { customerColumn: 'masterid', dateColumn: 'date', amountColumn: 'sales', calibrationEnd: '1997-09-30' }).customers;
    expect(c.length).toBe(2357);
    expect(c.filter((x) => x.x == 0).length).toBe(1411);
    expect(c.reduce((s, x) => s + x.x, 0)).toBe(2457);
    const means = c.filter((x) => x.x > 0).map((x) => x.mean);
    expect(means.length).toBe(946);
    expect(means.reduce((a, b) => a + b, 0) / 946).toBeCloseTo(35.0778, 3);
  });
});
