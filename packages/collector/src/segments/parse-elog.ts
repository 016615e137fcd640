/** A purchase log → per-customer (x, t_x, T, mean spend), as the literature counts them. */
import { DAY_MS } from '@waymark/core';
import { parseElogDate, readElogRows, type ElogColumns, type ElogRejection, type ElogRow } from './elog-rows.js';

/** The model's time unit. */
export type TimeUnit = 'day' | 'week';

/** Days in one unit. */
export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7 };

/** Options of `parseElog`. */
export interface ParseElogOptions extends ElogColumns {
  /** Last day of calibration (`YYYY-MM-DD`, `YYYYMMDD` or epoch ms); later purchases are ignored. @default the log's last day */
  calibrationEnd?: string | number;
  /** Unit of t_x and T. @default 'week' */
  unit?: TimeUnit;
}

/** One customer's calibration summary. */
export interface ElogCustomer {
  id: string;
  /** Repeat purchase days (distinct purchase days after the first). */
  x: number;
  /** First to last purchase day, in the unit. */
  tx: number;
  /** First purchase day to the calibration end, in the unit. */
  T: number;
  /** Mean spend per repeat purchase day (same-day purchases summed, first day excluded); 0 when x = 0. */
  mean: number;
  /** Spend on the first purchase day. */
  firstAmount: number;
}

/** The result of `parseElog`. */
export interface ElogSummary {
  customers: ElogCustomer[];
  /** Calibration end as `YYYY-MM-DD`. */
  calibrationEnd: string;
  unit: TimeUnit;
  /** Rows read (valid ones). */
  rows: number;
  /** Customers whose first purchase is after the calibration end (left out). */
  lateCustomers: number;
  rejected: ElogRejection[];
}

/**
 * Summarises a purchase log per customer: purchases on the same UTC day are merged (amounts summed),
 * the first purchase day is time 0 and is not counted in x, and only purchases up to the calibration
 * end count. Customers appear in order of first appearance in the log.
 * Throws `ElogFormatError` when a named column is missing, and `RangeError` for a bad calibration end.
 */
export function parseElog(csvText: string, options: ParseElogOptions = {}): ElogSummary {
  const { rows, rejected } = readElogRows(csvText, options);
  return { ...summariseElogRows(rows, options), rejected };
}

/** `parseElog` on rows already read. */
export function summariseElogRows(rows: readonly ElogRow[], options: ParseElogOptions = {}): Omit<ElogSummary, 'rejected'> {
  const unit = options.unit ?? 'week';
  const end = options.calibrationEnd;
  const endMs = end === undefined ? rows.reduce((m, r) => Math.max(m, r.ms), 0) : typeof end == 'number' ? end : parseElogDate(end);
  if (!Number.isFinite(endMs)) throw new RangeError(`calibration end "${end}" is not a date (YYYY-MM-DD or YYYYMMDD)`);
  const endDay = Math.floor(endMs / DAY_MS);
  const days = new Map<string, Map<number, number>>(); // customer → day → amount
  const first = new Map<string, number>();
  for (const r of rows) {
    first.set(r.customer, Math.min(first.get(r.customer) ?? Infinity, r.day));
    if (r.day > endDay) continue;
    let m = days.get(r.customer);
    if (!m) days.set(r.customer, (m = new Map()));
    m.set(r.day, (m.get(r.day) ?? 0) + r.amount);
  }
  const per = UNIT_DAYS[unit];
  const customers: ElogCustomer[] = [];
  for (const [id, m] of days) {
    const ds = [...m.keys()].sort((a, b) => a - b);
    const d0 = ds[0]!;
    const repeat = ds.slice(1).reduce((s, d) => s + m.get(d)!, 0);
    const x = ds.length - 1;
    customers.push({ id, x, tx: (ds[x]! - d0) / per, T: (endDay - d0) / per, mean: x ? repeat / x : 0, firstAmount: m.get(d0)! });
  }
  return {
    customers,
    calibrationEnd: new Date(endDay * DAY_MS).toISOString().slice(0, 10),
    unit,
    rows: rows.length,
    lateCustomers: first.size - days.size,
  };
}
