/** The date range and interval controls: shown per view as it needs them, kept for the session. */
import { byId } from './dom.js';
import { DAY_MS, isoDay } from './format.js';
import type { Interval, Range, View } from './views/view.js';

const STORE = 'waymark.dashboard.range';

/** The last `days` days ending today (UTC). */
export const defaultRange = (nowMs: number, days = 30): Range => ({ from: isoDay(nowMs - (days - 1) * DAY_MS), to: isoDay(nowMs), interval: 'day' });

export function loadRange(nowMs: number): Range {
  try {
    const r = JSON.parse(sessionStorage.getItem(STORE) ?? 'null') as Range | null;
    if (r && /^\d{4}-\d\d-\d\d$/.test(r.from) && /^\d{4}-\d\d-\d\d$/.test(r.to) && ['day', 'week', 'month'].includes(r.interval)) return r;
  } catch {
    // a damaged entry falls back to the default
  }
  return defaultRange(nowMs);
}

/** Shows the controls `view` uses, filled from `range`; calls `onChange` with the new range when one changes. */
export function showControls(view: View, range: Range, onChange: (r: Range) => void): void {
  const from = byId<HTMLInputElement>('from');
  const to = byId<HTMLInputElement>('to');
  const interval = byId<HTMLSelectElement>('interval');
  byId('range-controls').hidden = !view.controls.range;
  byId('interval-controls').hidden = !view.controls.interval;
  byId<HTMLOptionElement>('interval-day').hidden = view.controls.interval === 'cohort';
  byId<HTMLOptionElement>('interval-day').disabled = view.controls.interval === 'cohort';
  from.value = range.from;
  to.value = range.to;
  interval.value = view.controls.interval === 'cohort' && range.interval === 'day' ? 'week' : range.interval;
  byId('controls').hidden = !view.controls.range && !view.controls.interval;
  byId<HTMLFormElement>('controls').onsubmit = (e) => {
    e.preventDefault();
    const next: Range = { from: from.value || range.from, to: to.value || range.to, interval: interval.value as Interval };
    if (next.from > next.to) [next.from, next.to] = [next.to, next.from];
    sessionStorage.setItem(STORE, JSON.stringify(next));
    onChange(next);
  };
}
