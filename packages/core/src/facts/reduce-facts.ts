/** Folds events into facts: the only way facts grow. */
import type { JsonObject, JsonValue, WireEvent } from '../wire.js';
import { matchProperties, type ValueCondition } from '../segment/match-value.js';
import { boundFacts, unionRecent } from './bound-facts.js';
import { DAY_MS, emptyFacts, FACTS_LIMITS as L, own, qualified, type Facts } from './facts.js';
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

const ENGINE_EVENTS: string[] = Object.values(WAYMARK_EVENTS);

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

/** Options of `reduceFacts`. Use the same values on device and server (`factsConfigOf(projectConfig)`). */
export interface FactsConfig {
  /** Event names pinned in facts (kept when other names are evicted). @default [] */
  events?: string[];
  /** Events that are purchases (counted, revenue summed). @default ['Order Completed'] */
  purchaseEvents?: string[];
  /** Properties read, in order, for a purchase's revenue. @default ['revenue', 'total'] */
  revenueProperties?: string[];
  /** Explicit churn signals. @default ['Account Closed', 'Unsubscribed'] */
  churnEvents?: string[];
  /** Checklists: their step events are pinned, and events matching a step's `where` are recorded. @default [] */
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
  return (typeof c?.streamId == 'string' && c.streamId) || `${c?.library?.name ?? 'server'}:${e.anonymousId ?? e.userId ?? ''}`;
}

const str = (v: JsonValue | undefined): string | undefined => (typeof v == 'string' && v && v != '__proto__' ? v : undefined);
const num = (v: JsonValue | undefined): number => (typeof v == 'number' && Number.isFinite(v) ? v : NaN);

/** Folds one event into facts (a new value; the input is not modified). Events with an invalid timestamp are ignored. */
export function reduceFacts(facts: Facts, event: WireEvent, config?: FactsConfig): Facts {
  return reduceEvents(facts, [event], config);
}

/** Folds many events at once (one copy instead of one per event). */
export function reduceEvents(facts: Facts, events: readonly WireEvent[], cfg: FactsConfig = {}): Facts {
  const f: Facts = JSON.parse(JSON.stringify({ ...emptyFacts(), ...facts }));
  const d = DEFAULT_FACTS_CONFIG;
  const steps = (cfg.checklists ?? []).flatMap((c) => c.steps.map((s) => [qualified(s.event!, `${c.id}/${s.id}`), s] as const));
  const pinned = [...ENGINE_EVENTS, ...(cfg.events ?? []), ...steps.map((s) => s[1].event)];
  for (const e of events) {
    const t = Date.parse(e.timestamp);
    const source = str(sourceOf(e));
    if (!(t > 0) || !source) continue;
    boundFacts(f); // before taking references into f: bounding replaces entries
    const src = (f.src[source] = own(f.src, source) ?? { t: 0, c: {} });
    const inc = (key: string, by = 1) => void (src.c[key] = (own(src.c, key) ?? 0) + by);
    const record = (name: string, pin?: unknown) => {
      const n = (f.names[name] = own(f.names, name) ?? { f: t, l: t, r: [] });
      n.f = Math.min(n.f, t);
      n.l = Math.max(n.l, t);
      n.r = unionRecent(n.r, [t], L.recentTimes);
      if (pin) n.p = 1;
      inc('e:' + name);
    };
    src.t = Math.max(src.t, t);
    inc('events');
    f.first = minTime(f.first, t);
    f.last = Math.max(f.last, t);

    const sid = str(e.context?.sessionId);
    const seen = sid && !own(f.sess, sid) && Object.values(f.sess);
    if (seen && (seen.length < L.sessions || t > Math.min(...seen))) inc('sessions');
    if (sid) f.sess[sid] = minTime(own(f.sess, sid) ?? 0, t);

    const p: JsonObject = (e.type == 'identify' ? e.traits : e.properties) ?? {};
    if (e.type == 'identify')
      for (const k in p) if (k != '__proto__') f.traits[k] = lww(own(f.traits, k) ?? [null, 0], [p[k]!, t]);
    const name = e.type == 'track' ? str(e.event) : undefined;
    if (name && (cfg.churnEvents ?? d.churnEvents).includes(name)) f.churn = Math.max(f.churn, t);
    else if (e.type == 'track' || e.type == 'page' || e.type == 'screen') {
      f.active = Math.max(f.active, t);
      f.days = unionRecent(f.days, [Math.floor(t / DAY_MS)], L.activeDays);
    }
    if (!name) continue;
    record(name, pinned.includes(name));
    if ((cfg.purchaseEvents ?? d.purchaseEvents).includes(name)) {
      inc('purchases');
      const rev = (cfg.revenueProperties ?? d.revenueProperties).map((k) => num(own(p, k))).find((v) => v == v);
      if (rev) inc('revenue', rev);
    }
    for (const [q, s] of steps) if (s.where && s.event == name && matchProperties(s.where, p)) record(q, 1);
    const [list, step] = [str(own(p, 'checklistId')), str(own(p, 'stepId'))];
    const id = name == WAYMARK_EVENTS.stepCompleted ? list && step && `${list}/${step}` : str(own(p, 'nudgeId'));
    if (id && ENGINE_EVENTS.includes(name)) record(qualified(name, id), 1);
    if (id && name == WAYMARK_EVENTS.nudgeSnoozed) {
      const until = own(p, 'until');
      f.until[id] = Math.max(own(f.until, id) ?? 0, (typeof until == 'string' ? Date.parse(until) : num(until ?? NaN)) || t + (num(own(p, 'snoozeMs') ?? NaN) || 0));
    }
  }
  return boundFacts(f);
}
