/** The precomputed results a recompute stores per project (JSON under these kinds) and the routes read back. */
import type { Overview } from '../analytics/overview.js';
import type { Cohort } from './retention.js';
import type { Interval } from './local-day.js';
import type { Sizes } from './transitions.js';

export const RESULT_KINDS = {
  lifecycle: (interval: Interval) => `lifecycle:${interval}`,
  retention: (interval: Interval) => `retention:${interval}`,
  sizes: 'sizes',
  /** Per-user fields: a header and pages (user-fields-pages.ts). */
  users: 'users',
  summary: 'summary',
  /** The analytics overview (analytics/overview.ts) with `OVERVIEW_DAYS` days of daily actives. */
  overview: 'overview',
} as const;

/** Days of daily actives a stored overview keeps (the most the overview route answers). */
export const OVERVIEW_DAYS = 90;

/** Every stored result carries these. */
export interface ResultStamp {
  computedAtMs: number;
  configVersion: number;
  timeZone: string;
}

export interface StoredLifecycle extends ResultStamp {
  interval: Interval;
  /** Period number of index 0 … `to`. */
  from: number;
  to: number;
  new: number[];
  returning: number[];
  resurrecting: number[];
  dormant: number[];
}

export interface StoredRetention extends ResultStamp {
  interval: Interval;
  cohorts: Cohort[];
}

/** Segment sizes of every snapshot day kept (at most `MAX_SIZE_DAYS`). */
export interface StoredSizes extends ResultStamp {
  days: Array<{ day: number } & Sizes>;
}

export interface StoredOverview extends ResultStamp, Overview {}

export const MAX_SIZE_DAYS = 800;
