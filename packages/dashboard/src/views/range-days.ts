/** Days covered by a range, capped to what the overview keeps (facts hold the last 90 active days). */
import { DAY_MS } from '../format.js';
import type { Range } from './view.js';

export function daysOf(range: Range): number {
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS) + 1;
  return Number.isFinite(days) ? Math.max(1, Math.min(90, days)) : 30;
}
