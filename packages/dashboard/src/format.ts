/** Number, share and date formatting for cards, tables and CSV (pure). */

export const num = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : Number.isInteger(x) ? x.toLocaleString('en') : x.toLocaleString('en', { maximumFractionDigits: 2 });

export const pct = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? '–' : `${(x * 100).toFixed(1)}%`);

export const money = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : x.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a UTC time. */
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Seconds since the epoch of a `YYYY-MM-DD` (or ISO) date, for uPlot's time axis. */
export const epochSeconds = (date: string): number => Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date) / 1000;

/** A duration in ms as "3.2 d", "5 h", "12 min". */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  if (ms >= DAY_MS) return `${(ms / DAY_MS).toFixed(1)} d`;
  if (ms >= 3_600_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${Math.round(ms / 60_000)} min`;
}
