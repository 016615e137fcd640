/** A purchase log (CSV with a header) → purchase rows: customer, UTC day, amount; bad rows reported with reasons. */
import { DAY_MS } from '@waymark/core';
import { parseCsv } from './parse-csv.js';

/** Which columns of the log hold what. */
export interface ElogColumns {
  /** Customer id column. @default 'customer' */
  customerColumn?: string;
  /** Purchase date column: `YYYY-MM-DD` (optionally with a time), any ISO 8601 time, or `YYYYMMDD`. @default 'date' */
  dateColumn?: string;
  /** Purchase amount column; without it every purchase has amount 0. @default none */
  amountColumn?: string;
}

/** One purchase of the log. */
export interface ElogRow {
  /** 1-based line of the file. */
  line: number;
  customer: string;
  /** Purchase time (ms since the epoch, UTC; midnight for a plain date). */
  ms: number;
  /** UTC day number (`Math.floor(ms / DAY_MS)`). */
  day: number;
  amount: number;
}

/** A row that could not be read, and why. */
export interface ElogRejection {
  line: number;
  reason: string;
}

/** Thrown when the header lacks a named column (nothing could be read). */
export class ElogFormatError extends Error {
  override readonly name = 'ElogFormatError';
}

/** Parses `YYYYMMDD`, `YYYY-MM-DD` or an ISO 8601 time to epoch ms (UTC); NaN when it is none of them. */
export function parseElogDate(s: string): number {
  const v = s.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  const [y, m, d] = compact ? compact.slice(1).map(Number) : (/^(\d{4})-(\d{2})-(\d{2})$/.exec(v)?.slice(1).map(Number) ?? []);
  if (y !== undefined) {
    const ms = Date.UTC(y, m! - 1, d!);
    const back = new Date(ms);
    return back.getUTCMonth() == m! - 1 && back.getUTCDate() == d ? ms : NaN;
  }
  return /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : NaN;
}

/** Reads the rows of a purchase log; rows with a missing customer, a bad date or a bad amount are rejected. */
export function readElogRows(csvText: string, columns: ElogColumns = {}): { rows: ElogRow[]; rejected: ElogRejection[] } {
  const [header, ...records] = parseCsv(csvText.charCodeAt(0) == 0xfeff ? csvText.slice(1) : csvText);
  const names = header?.fields.map((f) => f.trim()) ?? [];
  const col = (name: string | undefined, what: string): number => {
    if (name === undefined) return -1;
    const i = names.indexOf(name);
    if (i < 0) throw new ElogFormatError(`purchase log: no ${what} column "${name}" in the header (${names.join(', ') || 'empty file'})`);
    return i;
  };
  const ci = col(columns.customerColumn ?? 'customer', 'customer');
  const di = col(columns.dateColumn ?? 'date', 'date');
  const ai = col(columns.amountColumn, 'amount');
  const rows: ElogRow[] = [];
  const rejected: ElogRejection[] = [];
  for (const { line, fields } of records) {
    const customer = fields[ci]?.trim() ?? '';
    const ms = parseElogDate(fields[di] ?? '');
    const amount = ai < 0 ? 0 : Number(fields[ai]?.trim() || NaN);
    const reason = !customer ? 'no customer id' : !Number.isFinite(ms) ? `bad date "${fields[di] ?? ''}"` : !Number.isFinite(amount) ? `bad amount "${fields[ai] ?? ''}"` : '';
    if (reason) rejected.push({ line, reason });
    else rows.push({ line, customer, ms, day: Math.floor(ms / DAY_MS), amount });
  }
  return { rows, rejected };
}
