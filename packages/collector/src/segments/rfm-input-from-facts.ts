/** A profile's facts → RFM input (recency in days, frequency, monetary). */
import { countOf, DAY_MS, purchaseDays, type Facts } from '@waymark/core';
import type { RfmInput } from './rfm-scores.js';

/** Options of `rfmInputFromFacts`. */
export interface RfmFactsOptions {
  /**
   * What counts as frequency: `purchaseDays` (distinct purchase days), `activeDays` (kept active days) or
   * a facts counter (`purchases`, `sessions`, `events`, `e:<event name>`). @default 'purchaseDays'
   */
  frequency?: 'purchaseDays' | 'activeDays' | string;
  /**
   * The facts counter read as monetary. `revenue` sums the project's `revenueProperties` (FactsConfig,
   * default `revenue` then `total`) over its purchase events: configure the property there. @default 'revenue'
   */
  monetary?: string;
  /** Recency from the last purchase (`purchase`) or the last activity (`activity`). @default 'purchase' */
  recencyFrom?: 'purchase' | 'activity';
}

/** Recency (days since the last purchase or activity; Infinity when none), frequency and monetary of one profile. */
export function rfmInputFromFacts(facts: Facts, nowMs: number, options: RfmFactsOptions = {}): RfmInput {
  const { frequency = 'purchaseDays', monetary = 'revenue', recencyFrom = 'purchase' } = options;
  const lastPurchaseDay = facts.buy?.length ? facts.buy[facts.buy.length - 1]! : undefined;
  const recency =
    recencyFrom == 'activity'
      ? facts.active ? (nowMs - facts.active) / DAY_MS : Infinity
      : lastPurchaseDay === undefined ? Infinity : Math.floor(nowMs / DAY_MS) - lastPurchaseDay;
  const freq = frequency == 'purchaseDays' ? purchaseDays(facts) : frequency == 'activeDays' ? facts.days.length : countOf(facts, frequency);
  return { recency, frequency: freq, monetary: countOf(facts, monetary) };
}
