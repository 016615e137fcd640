/** A profile's facts → the purchase models' inputs (x, t_x, T, mean spend). */
import { countOf, DAY_MS, purchaseDays, type Facts } from '@waymark/core';
import { UNIT_DAYS, type TimeUnit } from './parse-elog.js';

/** What the churn models read from one customer. */
export interface ChurnInputs {
  /** Repeat purchase days (distinct purchase days after the first). */
  x: number;
  /** First to last purchase day, in the unit. */
  tx: number;
  /** First purchase day to `nowMs`'s day, in the unit. */
  T: number;
  /** Revenue per purchase day (first day included: facts do not keep first-day spend apart); 0 without revenue. */
  mean: number;
}

/**
 * Reads the purchase history kept in facts (`buy`, `nbuy`, `buy0` and the `revenue` counter, in UTC days).
 * Returns null for a profile without any purchase: it is not a customer yet. Exact for up to
 * `FACTS_LIMITS.purchaseDays` distinct purchase days; beyond, x is the counted days and t_x the last kept day.
 */
export function churnInputsFromFacts(facts: Facts, nowMs: number, unit: TimeUnit = 'week'): ChurnInputs | null {
  const n = purchaseDays(facts);
  const buy = facts.buy ?? [];
  if (!n || !buy.length) return null;
  const per = UNIT_DAYS[unit];
  const first = Math.min(Math.floor((facts.buy0 || buy[0]! * DAY_MS) / DAY_MS), buy[0]!);
  const last = buy[buy.length - 1]!;
  const today = Math.max(last, Math.floor(nowMs / DAY_MS));
  const revenue = countOf(facts, 'revenue');
  return { x: n - 1, tx: (last - first) / per, T: (today - first) / per, mean: revenue > 0 ? revenue / n : 0 };
}
