/**
 * The behavioural features personas cluster on, read from a user's facts: event rates per category (events per
 * week since first seen), sessions per week, events per session (the facts keep no session durations, so this
 * stands in for session length), purchases per week, active days in the last 90, and recency (days since active).
 */
import { countOf, DAY_MS, WAYMARK_EVENTS, type Facts } from '@waymark/core';

const WEEK_MS = 7 * DAY_MS;
const ENGINE = new Set<string>(Object.values(WAYMARK_EVENTS));

/** Category name → the event names it counts. */
export type Categories = ReadonlyArray<readonly [string, readonly string[]]>;

/** @default 5 categories, one per most widespread event name, when the config names none */
export const DEFAULT_CATEGORY_COUNT = 5;

export const featureNames = (categories: Categories): string[] => [
  ...categories.map(([c]) => `rate:${c}`), 'sessionsPerWeek', 'eventsPerSession', 'purchasesPerWeek', 'activeDays90', 'recencyDays',
];

/** The feature row of one user (same order as `featureNames`). */
export function personaFeatures(facts: Facts, categories: Categories, nowMs: number): number[] {
  const weeks = Math.max(1, (nowMs - (facts.first || nowMs)) / WEEK_MS);
  const sessions = countOf(facts, 'sessions');
  const events = countOf(facts, 'events');
  const rates = categories.map(([, names]) => names.reduce((s, n) => s + countOf(facts, `e:${n}`), 0) / weeks);
  const last = facts.active || facts.first;
  return [...rates, sessions / weeks, events / Math.max(1, sessions), countOf(facts, 'purchases') / weeks, facts.days.length, last ? Math.max(0, (nowMs - last) / DAY_MS) : 0];
}

/** The `count` event names held by the most users (engine and qualified names excluded), each its own category. */
export function defaultCategories(population: Iterable<Facts>, count = DEFAULT_CATEGORY_COUNT): Categories {
  const users = new Map<string, number>();
  for (const f of population) for (const n in f.names) if (!n.includes('#') && !ENGINE.has(n)) users.set(n, (users.get(n) ?? 0) + 1);
  return [...users].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, count).map(([n]) => [n, [n]] as const);
}
