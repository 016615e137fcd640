/** The per-user facts value: a bounded, JSON-serialisable summary reduced from events and merged as a join. */
import type { JsonValue } from '../wire.js';

/** Milliseconds in one day; day numbers are `Math.floor(ms / DAY_MS)` (UTC days since the epoch). */
export const DAY_MS = 86_400_000;

/**
 * Size bounds that keep facts small whatever the history. They are constants (not options) because
 * `mergeFacts` must apply the same bounds on every device and on the server.
 */
export const FACTS_LIMITS = {
  /** Most recent distinct active days kept (UTC day numbers). */
  activeDays: 90,
  /** Sources (streams) kept as separate counters; the least recently active are folded into `"~"`. */
  sources: 32,
  /** Event names with counts and times; the least recently seen unpinned name is evicted. */
  names: 64,
  /** Most recent occurrence times kept per event name (window counts are exact up to this). */
  recentTimes: 16,
  /** Most recent session ids kept to recognise a session already counted. */
  sessions: 32,
  /** Trait keys kept; the least recently written is evicted. */
  traits: 64,
  /** Nudges with interaction state; the least recently touched is evicted. */
  nudges: 64,
  /** Most recent nudge show times (all nudges) for the global rate limit. */
  recentShows: 16,
} as const;

/** Counters of one source (device stream): grow-only, merged key by key with `max`, read as a sum over sources. */
export interface SourceCounters {
  /** Last event time seen from this source (ms). */
  t: number;
  /**
   * Counters: `events`, `sessions`, `purchases`, `revenue`, `e:<event name>`,
   * `k:<checklist>/<step>` (matching events of a configured step), `n:<nudge id>` (shows).
   */
  c: Record<string, number>;
}

/** Times of one event name. */
export interface NameFacts {
  /** First occurrence (ms). */
  f: number;
  /** Last occurrence (ms). */
  l: number;
  /** Most recent occurrence times, ascending, at most `FACTS_LIMITS.recentTimes`. */
  r: number[];
  /** 1 when pinned by configuration (never evicted). */
  p?: 1;
}

/** Interaction state of one nudge (shows are counted per source under `n:<id>`). */
export interface NudgeFacts {
  /** Last shown (ms), 0 if never. */
  l: number;
  /** Dismissed at (ms, earliest), 0 if not dismissed. Dismissal is permanent. */
  d: number;
  /** Snoozed until (ms, latest), 0 if never snoozed. */
  z: number;
  /** Converted at (ms, earliest), 0 if not converted. */
  c: number;
}

/**
 * Per-user facts. Plain JSON; all times are epoch milliseconds, 0 meaning "never".
 * Combine values only with `mergeFacts`; update them only with `reduceFacts`.
 */
export interface Facts {
  v: 1;
  /** First seen (ms, min over events of any type). */
  first: number;
  /** Last seen (ms, max over events of any type). */
  last: number;
  /** Last activity (ms): track/page/screen events other than churn signals. */
  active: number;
  /** Last explicit churn signal (ms), 0 if none. */
  churn: number;
  /** Recent distinct active days (UTC day numbers), ascending. */
  days: number[];
  /** Grow-only counters per source. */
  src: Record<string, SourceCounters>;
  /** Per event name times. */
  names: Record<string, NameFacts>;
  /** Recent session ids → first seen (ms). */
  sess: Record<string, number>;
  /** Onboarding steps done: `"<checklist>/<step>"` → first done (ms). */
  steps: Record<string, number>;
  /** Traits from identify: key → [value, written at (ms)], last writer wins. */
  traits: Record<string, [JsonValue, number]>;
  /** Nudge interaction state by nudge id. */
  nudges: Record<string, NudgeFacts>;
  /** Recent nudge show times across all nudges, ascending. */
  shows: number[];
}

/** Facts of a user nothing is known about (the identity of `mergeFacts`). */
export function emptyFacts(): Facts {
  return { v: 1, first: 0, last: 0, active: 0, churn: 0, days: [], src: {}, names: {}, sess: {}, steps: {}, traits: {}, nudges: {}, shows: [] };
}

/** Sum of a counter over all sources (`events`, `sessions`, `purchases`, `revenue`, `e:<name>`, ...). */
export function countOf(facts: Facts, key: string): number {
  let sum = 0;
  for (const s in facts.src) sum += facts.src[s]!.c[key] ?? 0;
  return sum;
}

/** Key of an onboarding step in `Facts.steps` and in step counters. */
export const stepKey = (checklistId: string, stepId: string): string => `${checklistId}/${stepId}`;

/** Own-property lookup (map keys come from user data: "constructor" must not read the prototype). */
export const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);
