/** Folds events into facts: the only way facts grow. */
import type { JsonObject, JsonValue, WireEvent } from '../wire.js';
import { matchProperties, type ValueCondition } from '../segment/match-value.js';
import { boundFacts } from './bound-facts.js';
import { DAY_MS, emptyFacts, FACTS_LIMITS as L, own, qualified, type Facts, type NameFacts } from './facts.js';
import { lww, mergeFacts, mergeName, minTime, unionRecent } from './merge-facts.js';

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

/**
 * Folds many events at once. The result is the same as folding them one by one with `reduceFacts`
 * (bounds are enforced before each event, but only after a map gained a key); the input is copied
 * on write: top-level maps once, a source's counters only when touched.
 */
export function reduceEvents(facts: Facts, events: readonly WireEvent[], cfg: FactsConfig = {}): Facts {
  const f = mergeFacts(emptyFacts(), facts); // a bounded copy with its own top-level maps
  const owned = new Set<object>(); // source entries copied by this call (safe to mutate)
  let grew = 0; // a map gained a key since the last bounding
  /** Looks up an entry about to be written (a new key may take a map over its limit). */
  const get = <T>(map: Record<string, T>, key: string): T | undefined => own(map, key) ?? void (grew = 1);
  const d = DEFAULT_FACTS_CONFIG;
  const steps = (cfg.checklists ?? []).flatMap((c) => c.steps.map((s) => [qualified(s.event!, `${c.id}/${s.id}`), s] as const));
  const pinned = [...ENGINE_EVENTS, ...(cfg.events ?? []), ...steps.map((s) => s[1].event)];
  const churnEvents = cfg.churnEvents ?? d.churnEvents;
  const purchaseEvents = cfg.purchaseEvents ?? d.purchaseEvents;
  const revenueProperties = cfg.revenueProperties ?? d.revenueProperties;
  for (const e of events) {
    const t = Date.parse(e.timestamp);
    const source = str(sourceOf(e));
    if (!(t > 0) || !source) continue;
    if (grew) boundFacts(f), (grew = 0); // replaces entries: references into f are taken after it
    let src = get(f.src, source);
    if (!src || !owned.has(src)) owned.add((src = f.src[source] = { t: src?.t ?? 0, c: { ...src?.c } }));
    const c = src.c;
    const inc = (key: string, by = 1) => void (c[key] = (own(c, key) ?? 0) + by);
    const record = (name: string, pin?: unknown) => {
      const x: NameFacts = { f: t, l: t, r: [t], ...(pin ? { p: 1 as const } : {}) };
      f.names[name] = mergeName(get(f.names, name) ?? x, x);
      inc('e:' + name);
    };
    src.t = Math.max(src.t, t);
    inc('events');
    f.first = minTime(f.first, t);
    f.last = Math.max(f.last, t);

    const sid = str(e.context?.sessionId);
    if (sid) {
      const was = get(f.sess, sid);
      let seen: number[];
      if (!was && ((seen = Object.values(f.sess)).length < L.sessions || t > Math.min(...seen))) inc('sessions');
      f.sess[sid] = minTime(was ?? 0, t);
    }

    const p: JsonObject = (e.type == 'identify' ? e.traits : e.properties) ?? {};
    if (e.type == 'identify') for (const k in p) if (k != '__proto__') f.traits[k] = lww(get(f.traits, k) ?? [null, 0], [p[k]!, t]);
    const name = e.type == 'track' ? str(e.event) : undefined;
    if (name && churnEvents.includes(name)) f.churn = Math.max(f.churn, t);
    else if (e.type == 'track' || e.type == 'page' || e.type == 'screen') {
      f.active = Math.max(f.active, t);
      const day = Math.floor(t / DAY_MS);
      if (!f.days.includes(day)) f.days = unionRecent(f.days, [day], L.activeDays);
    }
    if (!name) continue;
    record(name, pinned.includes(name));
    if (purchaseEvents.includes(name)) {
      inc('purchases');
      const day = Math.floor(t / DAY_MS);
      const b = f.buy;
      // A day older than every kept one, with the list full, may have been counted already: not counted.
      if (!b.includes(day) && (b.length < L.purchaseDays || day > b[0]!)) f.nbuy++, (f.buy = unionRecent(b, [day], L.purchaseDays));
      f.buy0 = minTime(f.buy0, t);
      const rev = revenueProperties.map((k) => num(own(p, k))).find((v) => v == v);
      if (rev) inc('revenue', rev);
    }
    for (const [q, s] of steps) if (s.where && s.event == name && matchProperties(s.where, p)) record(q, 1);
    const prop = (k: string) => str(own(p, k));
    const id = name == WAYMARK_EVENTS.stepCompleted ? prop('checklistId') && prop('stepId') && `${prop('checklistId')}/${prop('stepId')}` : prop('nudgeId');
    if (id && ENGINE_EVENTS.includes(name)) record(qualified(name, id), 1);
    if (id && name == WAYMARK_EVENTS.nudgeSnoozed) {
      const until = own(p, 'until');
      f.until[id] = Math.max(get(f.until, id) ?? 0, (typeof until == 'string' ? Date.parse(until) : num(until)) || t + (num(own(p, 'snoozeMs')) || 0));
    }
  }
  return grew ? boundFacts(f) : f;
}
