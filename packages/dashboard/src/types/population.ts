/** The population-segment answers (collector README, "Population segments"), as the dashboard reads them. */
import type { Status } from './overview.js';

interface Computed { computedAt: string; configVersion: number }

export interface LifecyclePeriod {
  start: string;
  end: string;
  new: number;
  returning: number;
  resurrecting: number;
  dormant: number;
  active: number;
  statuses: Record<Status, number> | null;
}

/** `GET /v1/admin/analytics/lifecycle` */
export interface LifecycleAnswer extends Computed {
  interval: 'day' | 'week' | 'month';
  timeZone: string;
  from: string;
  to: string;
  periods: LifecyclePeriod[];
  quickRatio: number | null;
}

export interface Cohort { start: string; size: number; bounded: number[]; unbounded: number[]; boundedRate: number[]; unboundedRate: number[] }

/** `GET /v1/admin/analytics/retention` */
export interface RetentionAnswer extends Computed {
  interval: 'week' | 'month';
  timeZone: string;
  event: string | null;
  cohorts: Cohort[];
  weighted: { bounded: number[]; unbounded: number[] };
}

/** `GET /v1/admin/analytics/rfm` (`monetary` names the revenue property; README drafts called it `revenueProperty`) */
export interface RfmAnswer extends Computed {
  customers: number;
  monetary?: string;
  revenueProperty?: string;
  groups: Array<{ name: string; count: number; recency: number | null; frequency: number | null; monetary: number | null }>;
  scores: { grid: number[][]; r: number[]; f: number[]; m: number[] };
}

/** One valuable customer at risk: the model's fields (`valueIfActive`, `silence`) or the README draft's (`value`). */
export interface AtRisk {
  key: string;
  userId?: string;
  status?: string;
  rule: string;
  pAlive: number | null;
  silence?: number;
  valueIfActive?: number | null;
  value?: number | null;
}

/** `GET /v1/admin/analytics/churn` */
export interface ChurnAnswer extends Computed {
  unit: string;
  horizon?: number;
  customers: number;
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood?: number } | null;
  bgnbdError?: string | null;
  gammaGamma: { p: number; q: number; gamma: number } | null;
  byRule?: Record<string, Record<string, number>>;
  /** Counts per P(alive) bin over [0, 1] (or the draft's `{ from, to, count }`). */
  pAliveHistogram: Array<number | { from: number; to: number; count: number }>;
  expectedPurchases: number | { total: number } | null;
  atRisk: AtRisk[];
}

/** `GET /v1/admin/analytics/personas` */
export interface PersonasAnswer extends Computed {
  seed: number;
  k: number;
  users: number;
  silhouette: number | null;
  silhouetteByK: Array<{ k: number; silhouette: number }>;
  features: string[];
  personas: Array<{ id: string; name: string; size: number; share: number; centroid: Record<string, number>; dominant: string[] }>;
}

/** `GET /v1/admin/analytics/transitions` */
export interface TransitionsAnswer extends Computed {
  /** null when there is no snapshot on or before the asked date. */
  from: string | null;
  to: string;
  statuses: Record<string, Record<string, number>>;
  segments: Record<string, { stayed: number; entered: number; left: number }>;
  sizes: Array<{ day: string; statuses: Record<string, number>; segments: Record<string, number> }>;
}

/** `GET /v1/admin/analytics/segments/:id/members` (JSON) */
export interface MembersAnswer {
  segment: string;
  asOf: string;
  members: Array<{ key: string; userId?: string; anonymousId?: string; status: string; rfm?: string; pAlive?: number; persona?: string }>;
  nextCursor: string | null;
}
