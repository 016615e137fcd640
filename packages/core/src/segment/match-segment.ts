/** The segment predicate language: small JSON rules evaluated the same way on device and server. */
import { countOf, DAY_MS, own, type Facts } from '../facts/facts.js';
import { onboardingProgress, stepProgress, type Checklist } from '../onboarding/onboarding-progress.js';
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

const show = (v: unknown) => JSON.stringify(v);

function bounds(what: string, b: Bounds, lo: number, hi = lo): string | undefined {
  const min = b.atLeast ?? (b.atMost === undefined ? 1 : undefined);
  if (min !== undefined && lo < min) return `${what} is ${lo}, needs ≥ ${min}`;
  if (b.atMost !== undefined && hi > b.atMost) return `${what} is ${hi}, needs ≤ ${b.atMost}`;
  return undefined;
}

function metric(f: Facts, m: Metric, now: number, withinMs?: number): number {
  if (m == 'activeDays') return withinMs === undefined ? f.days.length : f.days.filter((d) => (d + 1) * DAY_MS > now - withinMs).length;
  if (m == 'daysSinceFirstSeen' || m == 'daysSinceActive') {
    const t = m == 'daysSinceActive' ? f.active : f.first;
    return t ? (now - t) / DAY_MS : Infinity;
  }
  return countOf(f, m);
}

/**
 * Why `p` does not hold for `input` at `now`, or `undefined` when it holds.
 * Unknown predicate shapes never hold (validate configs with the zod schema in `@waymark/core/schema`).
 */
export function explainSegment(p: Predicate, input: SegmentInput, now: number): string | undefined {
  const f = input.facts;
  if ('all' in p) {
    for (const q of p.all) {
      const why = explainSegment(q, input, now);
      if (why) return why;
    }
    return undefined;
  }
  if ('any' in p) {
    const whys: string[] = [];
    for (const q of p.any) {
      const why = explainSegment(q, input, now);
      if (!why) return undefined;
      whys.push(why);
    }
    return `none of: ${whys.join('; ')}`;
  }
  if ('not' in p) return explainSegment(p.not, input, now) ? undefined : `matched ${show(p.not)}`;
  if ('status' in p) {
    const s = input.status ?? evaluateStatus(f, input.statusRules, now).status;
    return ([] as Status[]).concat(p.status).includes(s) ? undefined : `status is ${s}, not ${([] as Status[]).concat(p.status).join(' or ')}`;
  }
  if ('event' in p) {
    const total = countOf(f, 'e:' + p.event);
    let from = p.withinMs === undefined ? -Infinity : now - p.withinMs;
    if (p.since !== undefined) from = Math.max(from, own(f.names, p.since)?.l ?? -Infinity);
    if (from == -Infinity) return bounds(p.event, p, total);
    // Exact while the window holds fewer occurrences than the recent times kept; otherwise lo..total.
    const r = own(f.names, p.event)?.r ?? [];
    const lo = r.filter((t) => t > from).length;
    return bounds(`${p.event} count${p.since ? ` since ${p.since}` : ''}${p.withinMs !== undefined ? ` in ${p.withinMs} ms` : ''}`, p, lo, lo && lo == r.length ? total : lo);
  }
  if ('metric' in p) return bounds(p.metric, p, metric(f, p.metric, now, p.withinMs));
  if ('checklist' in p) {
    const list = input.checklists?.find((c) => c.id == p.checklist);
    if (!list) return `unknown checklist ${p.checklist}`;
    if (p.step !== undefined) {
      const step = list.steps.find((s) => s.id == p.step);
      const done = !!step && stepProgress(f, list.id, step).done;
      return done == (p.done ?? true) ? undefined : `step ${p.checklist}/${p.step} is ${done ? '' : 'not '}done`;
    }
    const o = onboardingProgress(f, list);
    if (p.done !== undefined) return o.complete == p.done ? undefined : `checklist ${p.checklist} is ${o.complete ? '' : 'not '}complete`;
    return bounds(`checklist ${p.checklist} progress`, p.atLeast === undefined && p.atMost === undefined ? { atLeast: 1 } : p, o.progress);
  }
  if ('trait' in p) {
    const v = own(f.traits, p.trait)?.[0];
    return matchValue(p, v) ? undefined : `trait ${p.trait} is ${v === undefined ? 'absent' : show(v)}`;
  }
  if ('segment' in p) return input.segments?.includes(p.segment) ? undefined : `not in segment ${p.segment}`;
  return `unknown predicate ${show(p)}`;
}

/** Whether the predicate holds for the user at `now`. */
export function matchSegment(p: Predicate, input: SegmentInput, now: number): boolean {
  return !explainSegment(p, input, now);
}
