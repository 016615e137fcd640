/** Folds events into facts: the only way facts grow. */
import type { JsonObject, JsonValue, WireEvent } from '../wire.js';
import { matchProperties, type ValueCondition } from '../segment/match-value.js';
import { boundFacts, unionRecent } from './bound-facts.js';
import { DAY_MS, FACTS_LIMITS as L, own, stepKey, type Facts } from './facts.js';
import { lww, minTime } from './merge-facts.js';

/** Event names the rule engine itself understands (the SDK tracks them; they reach the server like any event). */
export const WAYMARK_EVENTS = {
  /** `{ checklistId, stepId }`: an onboarding step completed explicitly. */
  stepCompleted: 'Onboarding Step Completed',
  /** `{ nudgeId }` */
  nudgeShown: 'Nudge Shown',
  /** `{ nudgeId }`: permanent. */
  nudgeDismissed: 'Nudge Dismissed',
  /** `{ nudgeId, until }` (`until`: epoch ms or ISO time) or `{ nudgeId, snoozeMs }`. */
  nudgeSnoozed: 'Nudge Snoozed',
  /** `{ nudgeId }` */
  nudgeConverted: 'Nudge Converted',
} as const;

const NUDGE_EVENTS: string[] = Object.values(WAYMARK_EVENTS).slice(1);

/** A checklist step as far as facts are concerned (see `Checklist` in onboarding). */
export interface StepRule {
  id: string;
  /** Event name that completes the step. */
  event?: string;
  /** Conditions on the event's properties. @default no condition */
  where?: Record<string, ValueCondition>;
  /** Matching events needed. @default 1 */
  count?: number;
}

/** Options of `reduceFacts`. Use the same values on device and server (the collector serves them). */
export interface FactsConfig {
  /** Event names pinned in facts (never evicted by `FACTS_LIMITS.names`). @default [] */
  events?: string[];
  /** Events that are purchases (counted, revenue summed). @default ['Order Completed'] */
  purchaseEvents?: string[];
  /** Properties read, in order, for a purchase's revenue. @default ['revenue', 'total'] */
  revenueProperties?: string[];
  /** Explicit churn signals. @default ['Account Closed', 'Unsubscribed'] */
  churnEvents?: string[];
  /** Checklists whose event-driven steps are recorded as done (needed for steps with `where` or `count`). @default [] */
  checklists?: { id: string; steps: StepRule[] }[];
}

/** Defaults of `FactsConfig`. */
export const DEFAULT_FACTS_CONFIG = {
  purchaseEvents: ['Order Completed'],
  revenueProperties: ['revenue', 'total'],
  churnEvents: ['Account Closed', 'Unsubscribed'],
};

/**
 * The source (grow-only counter key) of an event: `context.streamId` when present (the SDK's stream);
 * otherwise `"<library name or 'server'>:<anonymousId or userId>"`, so events sent without a stream
 * (e.g. by a server-side Segment library) are counted only by the collector, under one key per sender.
 */
export function sourceOf(e: WireEvent): string {
  const c = e.context;
  if (typeof c?.streamId == 'string' && c.streamId) return c.streamId;
  return `${c?.library?.name ?? 'server'}:${e.anonymousId ?? e.userId ?? ''}`;
}

const str = (v: JsonValue | undefined): string | undefined => (typeof v == 'string' && v && v != '__proto__' ? v : undefined);
const num = (v: JsonValue | undefined): number | undefined => (typeof v == 'number' && Number.isFinite(v) ? v : undefined);
const time = (v: JsonValue | undefined): number => num(v) ?? (typeof v == 'string' ? Date.parse(v) || 0 : 0);

/** Folds one event into facts (a new value; the input is not modified). Events with an invalid timestamp are ignored. */
export function reduceFacts(facts: Facts, event: WireEvent, config?: FactsConfig): Facts {
  return reduceEvents(facts, [event], config);
}

/** Folds many events at once (one copy instead of one per event). */
export function reduceEvents(facts: Facts, events: readonly WireEvent[], config: FactsConfig = {}): Facts {
  const f: Facts = JSON.parse(JSON.stringify(facts));
  for (const e of events) boundFacts(apply(f, e, config));
  return f;
}

function apply(f: Facts, e: WireEvent, cfg: FactsConfig): Facts {
  const t = Date.parse(e.timestamp);
  const source = str(sourceOf(e));
  if (!(t > 0) || !source) return f;
  const src = (f.src[source] = own(f.src, source) ?? { t: 0, c: {} });
  const inc = (key: string, by = 1) => void (src.c[key] = (own(src.c, key) ?? 0) + by);
  src.t = Math.max(src.t, t);
  inc('events');
  f.first = minTime(f.first, t);
  f.last = Math.max(f.last, t);

  const sid = str(e.context?.sessionId);
  if (sid && !own(f.sess, sid)) {
    const times = Object.values(f.sess);
    if (times.length < L.sessions || t > Math.min(...times)) {
      f.sess[sid] = t;
      inc('sessions');
    }
  } else if (sid) f.sess[sid] = Math.min(f.sess[sid]!, t);

  if (e.type == 'identify') {
    const traits: JsonObject = e.traits ?? {};
    for (const k in traits) {
      const old = own(f.traits, k);
      if (k != '__proto__') f.traits[k] = old ? lww(old, [traits[k]!, t]) : [traits[k]!, t];
    }
    return f;
  }
  if (e.type != 'track' && e.type != 'page' && e.type != 'screen') return f;
  const name = e.type == 'track' ? str(e.event) : undefined;
  if (name && (cfg.churnEvents ?? DEFAULT_FACTS_CONFIG.churnEvents).includes(name)) f.churn = Math.max(f.churn, t);
  else {
    f.active = Math.max(f.active, t);
    f.days = unionRecent(f.days, [Math.floor(t / DAY_MS)], L.activeDays);
  }
  if (!name) return f;
  const p: JsonObject = e.properties ?? {};
  const n = (f.names[name] = own(f.names, name) ?? { f: t, l: t, r: [] });
  n.f = Math.min(n.f, t);
  n.l = Math.max(n.l, t);
  n.r = unionRecent(n.r, [t], L.recentTimes);
  if (cfg.events?.includes(name)) n.p = 1;
  inc('e:' + name);
  if ((cfg.purchaseEvents ?? DEFAULT_FACTS_CONFIG.purchaseEvents).includes(name)) {
    inc('purchases');
    const rev = (cfg.revenueProperties ?? DEFAULT_FACTS_CONFIG.revenueProperties).map((k) => num(own(p, k))).find((v) => v !== undefined);
    if (rev) inc('revenue', rev);
  }
  for (const list of cfg.checklists ?? [])
    for (const step of list.steps)
      if (step.event == name && matchProperties(step.where, p)) {
        const key = stepKey(list.id, step.id);
        // Steps needing several events are read from the counter (a sum over sources only exact after merging).
        if ((step.count ?? 1) > 1) inc('k:' + key);
        else f.steps[key] = minTime(own(f.steps, key) ?? 0, t);
      }
  const nudgeId = str(own(p, 'nudgeId'));
  if (name == WAYMARK_EVENTS.stepCompleted) {
    const list = str(own(p, 'checklistId'));
    const step = str(own(p, 'stepId'));
    if (list && step) f.steps[stepKey(list, step)] = minTime(own(f.steps, stepKey(list, step)) ?? 0, t);
  } else if (nudgeId && NUDGE_EVENTS.includes(name)) {
    const u = (f.nudges[nudgeId] = own(f.nudges, nudgeId) ?? { l: 0, d: 0, z: 0, c: 0 });
    if (name == WAYMARK_EVENTS.nudgeShown) {
      inc('n:' + nudgeId);
      u.l = Math.max(u.l, t);
      f.shows = unionRecent(f.shows, [t], L.recentShows);
    } else if (name == WAYMARK_EVENTS.nudgeDismissed) u.d = minTime(u.d, t);
    else if (name == WAYMARK_EVENTS.nudgeConverted) u.c = minTime(u.c, t);
    else if (name == WAYMARK_EVENTS.nudgeSnoozed) u.z = Math.max(u.z, time(own(p, 'until')) || t + (num(own(p, 'snoozeMs')) ?? 0));
  }
  return f;
}
