/** The segment predicate language: small JSON rules evaluated the same way on device and server. */
import { countOf, DAY_MS, own, type Facts } from '../facts/facts.js';
import { onboardingProgress, type Checklist } from '../onboarding/onboarding-progress.js';
import { evaluateStatus, type Status, type StatusRules } from '../status/evaluate-status.js';
import { matchValue, type ValueCondition } from './match-value.js';

/** Numbers read from facts by `{ metric }`. Days are fractional; "never" is Infinity. */
export type Metric = 'sessions' | 'events' | 'purchases' | 'revenue' | 'activeDays' | 'daysSinceFirstSeen' | 'daysSinceActive';

/** Bounds on a number; both inclusive. Without either, `atLeast: 1`. */
export interface Bounds {
  atLeast?: number;
  atMost?: number;
}

export type Predicate =
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate }
  /** Lifecycle status is one of these. */
  | { status: Status | Status[] }
  /**
   * Occurrences of a track event: all time, within the last `withinMs`, and/or after the last
   * occurrence of the `since` event (all time if it never happened).
   */
  | ({ event: string; withinMs?: number; since?: string } & Bounds)
  /** A number from facts (`activeDays` may be limited to the last `withinMs`). */
  | ({ metric: Metric; withinMs?: number } & Bounds)
  /** Onboarding: `step` done (or not, with `done: false`); or the checklist `done`; or progress (0..1) within bounds. */
  | ({ checklist: string; step?: string; done?: boolean } & Bounds)
  /** A trait (from identify) satisfies the condition. */
  | ({ trait: string } & ValueCondition)
  /** Member of a server-computed segment (e.g. `rfm:champions`, `persona:explorer`, `churn-risk:high`). */
  | { segment: string };

export interface SegmentInput {
  facts: Facts;
  /** The user's status; computed from facts with `statusRules` when absent. */
  status?: Status;
  statusRules?: Partial<StatusRules>;
  /** Checklists referred to by `{ checklist }` predicates. @default [] */
  checklists?: Checklist[];
  /** Server-computed segments the user belongs to. @default [] */
  segments?: string[];
}

const within = (b: Bounds, lo: number, hi = lo): boolean =>
  lo >= (b.atLeast ?? (b.atMost === undefined ? 1 : -Infinity)) && hi <= (b.atMost ?? Infinity);

function metric(f: Facts, m: Metric, now: number, withinMs = Infinity): number {
  if (m == 'activeDays') return f.days.filter((d) => (d + 1) * DAY_MS > now - withinMs).length;
  const t = m == 'daysSinceActive' ? f.active : m == 'daysSinceFirstSeen' ? f.first : -1;
  return t < 0 ? countOf(f, m) : t ? (now - t) / DAY_MS : Infinity;
}

/** Whether a leaf predicate holds. */
function leaf(p: Predicate, input: SegmentInput, now: number): boolean {
  const f = input.facts;
  if ('status' in p) return ([] as Status[]).concat(p.status).includes(input.status ?? evaluateStatus(f, input.statusRules, now).status);
  if ('event' in p) {
    const total = countOf(f, 'e:' + p.event);
    const from = Math.max(p.withinMs === undefined ? -Infinity : now - p.withinMs, (p.since !== undefined && own(f.names, p.since)?.l) || -Infinity);
    if (from == -Infinity) return within(p, total);
    // Exact while the window holds fewer occurrences than the recent times kept; otherwise between that and the total.
    const r = own(f.names, p.event)?.r ?? [];
    const lo = r.filter((t) => t > from).length;
    return within(p, lo, lo && lo == r.length ? total : lo);
  }
  if ('metric' in p) return within(p, metric(f, p.metric, now, p.withinMs));
  if ('checklist' in p) {
    const list = input.checklists?.find((c) => c.id == p.checklist);
    const o = list && onboardingProgress(f, list);
    const step = o?.steps.find((s) => s.id == p.step);
    return !!o && (p.step !== undefined ? !!step && step.done == (p.done ?? true) : p.done !== undefined ? o.complete == p.done : within(p, o.progress));
  }
  if ('trait' in p) return matchValue(p, own(f.traits, p.trait)?.[0]);
  if ('segment' in p) return !!input.segments?.includes(p.segment);
  return false;
}

/**
 * The part of `p` that fails for `input` at `now` (the first failing leaf of an `all`, or the whole
 * `any` / `not`), or `undefined` when `p` holds. Unknown predicate shapes never hold (validate
 * configurations with `predicateSchema` from `@waymark/core/schema`).
 */
export function explainSegment(p: Predicate, input: SegmentInput, now: number): Predicate | undefined {
  let why: Predicate | undefined;
  if ('all' in p) return p.all.find((q) => (why = explainSegment(q, input, now))) && why;
  const ok = 'any' in p ? p.any.some((q) => !explainSegment(q, input, now)) : 'not' in p ? !!explainSegment(p.not, input, now) : leaf(p, input, now);
  return ok ? undefined : p;
}

/** Whether the predicate holds for the user at `now`. */
export function matchSegment(p: Predicate, input: SegmentInput, now: number): boolean {
  return !explainSegment(p, input, now);
}
