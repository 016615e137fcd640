/**
 * Lifecycle status of one user from their facts. Rules are tried in this order; the first that holds wins:
 *
 * | # | status      | holds when (defaults)                                                                |
 * |---|-------------|--------------------------------------------------------------------------------------|
 * | 1 | new         | nothing seen yet                                                                     |
 * | 2 | churned     | an explicit churn signal with no activity after it                                   |
 * | 3 | churned     | silent ≥ `churnedDays` (30)                                                          |
 * | 4 | dormant     | silent ≥ `dormantDays` (14)                                                          |
 * | 5 | new         | first seen < `newDays` (7) ago                                                       |
 * | 6 | dormant     | silent > `cadenceMultiple` (3) × the median gap between the user's active days, and ≥ `cadenceMinSilenceDays` (3), given ≥ `cadenceMinActiveDays` (5) active days |
 * | 7 | resurrected | first activity after a silence ≥ `dormantDays` (or after a churn signal) < `resurrectedDays` (14) ago |
 * | 8 | loyal       | active on ≥ `loyalMinActiveDays` (12) of the last `loyalWindowDays` (28) days          |
 * | 9 | active      | otherwise (silent < `dormantDays`)                                                   |
 *
 * "Silent" is the time since the last activity (track/page/screen other than churn signals; the first
 * event of any type if there was none). Active days are UTC days.
 */
import { DAY_MS, type Facts } from '../facts/facts.js';

export type Status = 'new' | 'active' | 'loyal' | 'dormant' | 'churned' | 'resurrected';

/** Thresholds of `evaluateStatus`, configurable per project (`config.status`). All in days. */
export interface StatusRules {
  /** A user first seen less than this many days ago is new. @default 7 */
  newDays: number;
  /** Silent at least this many days: dormant. @default 14 */
  dormantDays: number;
  /** Silent at least this many days: churned. @default 30 */
  churnedDays: number;
  /** Dormant also when silent longer than this multiple of the user's median gap between active days. @default 3 */
  cadenceMultiple: number;
  /** The cadence rule needs at least this many known active days. @default 5 */
  cadenceMinActiveDays: number;
  /** The cadence rule needs at least this many days of silence. @default 3 */
  cadenceMinSilenceDays: number;
  /** Loyal: active on at least this many of the last `loyalWindowDays` days. @default 12 */
  loyalMinActiveDays: number;
  /** @default 28 */
  loyalWindowDays: number;
  /** Resurrected for this many days after coming back. @default 14 */
  resurrectedDays: number;
}

export const DEFAULT_STATUS_RULES: StatusRules = {
  newDays: 7,
  dormantDays: 14,
  churnedDays: 30,
  cadenceMultiple: 3,
  cadenceMinActiveDays: 5,
  cadenceMinSilenceDays: 3,
  loyalMinActiveDays: 12,
  loyalWindowDays: 28,
  resurrectedDays: 14,
};

export interface StatusResult {
  status: Status;
  /** Why, in words (for debug panels and `explain`). */
  reason: string;
}

/** Median of the gaps (in days) between consecutive active days, or undefined with fewer than 2 days. */
export function medianGapDays(days: readonly number[]): number | undefined {
  const gaps = days.slice(1).map((d, i) => d - days[i]!).sort((a, b) => a - b);
  const m = gaps.length >> 1;
  return gaps.length ? (gaps.length % 2 ? gaps[m]! : (gaps[m - 1]! + gaps[m]!) / 2) : undefined;
}

/** Classifies a user (see the table above). `rules` may be partial; missing thresholds use the defaults. */
export function evaluateStatus(facts: Facts, rules: Partial<StatusRules> | undefined, now: number): StatusResult {
  const r = { ...DEFAULT_STATUS_RULES, ...rules };
  const { first, active, churn, days } = facts;
  const silent = (now - (active || first)) / DAY_MS;
  const s = Math.floor(silent);
  const today = Math.floor(now / DAY_MS);
  const gap = medianGapDays(days);
  // The latest return: the first active day after a long gap, or after the last churn signal.
  let back = -1;
  let away = 0;
  const churnDay = churn ? Math.floor(churn / DAY_MS) : Infinity;
  days.forEach((d, i) => {
    const prev = days[i - 1]!; // undefined for the first day: no gap, not after the churn signal's day
    if (d - prev >= r.dormantDays) [back, away] = [d, d - prev];
    else if (d >= churnDay && !(prev >= churnDay)) [back, away] = [d, -1];
  });
  const recent = days.filter((d) => d > today - r.loyalWindowDays).length;
  const [status, reason]: [Status, string] = !first
    ? ['new', 'no events']
    : churn > active
      ? ['churned', 'churn signal, no activity since']
      : silent >= r.churnedDays
        ? ['churned', `silent ${s}d ≥ ${r.churnedDays}d`]
        : silent >= r.dormantDays
          ? ['dormant', `silent ${s}d ≥ ${r.dormantDays}d`]
          : now - first < r.newDays * DAY_MS
            ? ['new', `first seen ${Math.floor((now - first) / DAY_MS)}d ago`]
            : gap && days.length >= r.cadenceMinActiveDays && silent >= r.cadenceMinSilenceDays && silent > r.cadenceMultiple * gap
              ? ['dormant', `silent ${s}d > ${r.cadenceMultiple}× usual gap ${gap}d`]
              : back >= 0 && today - back < r.resurrectedDays
                ? ['resurrected', `back ${today - back}d ago after ${away < 0 ? 'churn signal' : `${away}d away`}`]
                : recent >= r.loyalMinActiveDays
                  ? ['loyal', `active ${recent} of last ${r.loyalWindowDays}d`]
                  : ['active', `last active ${s}d ago`];
  return { status, reason };
}
