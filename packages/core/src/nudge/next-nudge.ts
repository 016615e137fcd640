/** Nudge selection: eligibility (segment, schedule, caps, rate limit, dismiss/snooze, holdout) and explanation. */
import type { JsonObject } from '../wire.js';
import { countOf, DAY_MS, own, qualified } from '../facts/facts.js';
import { WAYMARK_EVENTS } from '../facts/reduce-facts.js';
import { explainSegment, type Predicate, type SegmentInput } from '../segment/match-segment.js';
import { evaluateStatus } from '../status/evaluate-status.js';
import { inHoldout } from './in-holdout.js';

export interface Nudge {
  id: string;
  /** Who is eligible. @default everyone */
  segment?: Predicate;
  /** Higher wins; ties keep list order. @default 0 */
  priority?: number;
  /** Where it renders; with a placement, `nextNudge` only considers nudges of that placement. @default any placement */
  placement?: string;
  /** Shows after which it stops. @default unlimited */
  maxShows?: number;
  /** Minimum time between two shows. @default 0 */
  minIntervalMs?: number;
  /** Not before (epoch ms or ISO). @default no start */
  startsAt?: number | string;
  /** Expired from (epoch ms or ISO). @default never */
  endsAt?: number | string;
  /** Share of users (0..1) never shown this nudge, to measure its lift. @default 0 */
  holdout?: number;
  /** Subject to (and counted by) the global rate limit. @default true */
  rateLimited?: boolean;
  /** Free-form content for the UI (title, body, action, ...). */
  content?: JsonObject;
}

/** At most `maxShows` nudge shows (all nudges together) per sliding `windowMs`. */
export interface RateLimit {
  maxShows: number;
  windowMs: number;
}

/** @default at most 3 shows per 24 h */
export const DEFAULT_RATE_LIMIT: RateLimit = { maxShows: 3, windowMs: DAY_MS };

export interface NudgeInput extends SegmentInput {
  /** userId when known, else anonymousId: the holdout key. */
  userKey: string;
  /** Global rate limit; `null` disables it. @default DEFAULT_RATE_LIMIT */
  rateLimit?: RateLimit | null;
}

export interface NudgeExplanation {
  id: string;
  /** Eligible now (no reasons). */
  eligible: boolean;
  /** The user is in this nudge's holdout (also listed in `reasons`). */
  holdout: boolean;
  /** Why it is not eligible, in words; empty when eligible. */
  reasons: string[];
}

const ms = (t: number | string | undefined): number => (typeof t == 'string' ? Date.parse(t) : (t ?? NaN));
const iso = (t: number) => new Date(t).toISOString();

function reasonsFor(n: Nudge, input: NudgeInput, now: number, placement: string | undefined, all?: boolean): string[] {
  const f = input.facts;
  const at = (event: string) => own(f.names, qualified(event, n.id))?.l ?? 0;
  const shows = countOf(f, 'e:' + qualified(WAYMARK_EVENTS.nudgeShown, n.id));
  const until = own(f.until, n.id) ?? 0;
  const next = at(WAYMARK_EVENTS.nudgeShown) + (n.minIntervalMs ?? 0);
  const rl = input.rateLimit === undefined ? DEFAULT_RATE_LIMIT : input.rateLimit;
  const recent = rl ? (own(f.names, WAYMARK_EVENTS.nudgeShown)?.r.filter((t) => t > now - rl.windowMs).length ?? 0) : 0;
  const why = [
    placement !== undefined && n.placement !== undefined && n.placement != placement && 'placement ' + n.placement,
    now < ms(n.startsAt) && 'not started',
    now >= ms(n.endsAt) && 'expired',
    at(WAYMARK_EVENTS.nudgeDismissed) && 'dismissed',
    at(WAYMARK_EVENTS.nudgeConverted) && 'converted',
    until > now && 'snoozed until ' + iso(until),
    shows >= (n.maxShows ?? Infinity) && `max shows reached (${shows} of ${n.maxShows})`,
    now < next && 'min interval until ' + iso(next),
    rl && n.rateLimited !== false && recent >= rl.maxShows && 'rate limited',
    n.holdout && inHoldout(input.userKey, n.id, n.holdout) && 'holdout',
  ].filter((w): w is string => !!w);
  // The segment last, and for selection only when nothing else excludes the nudge.
  const seg = (all || !why.length) && n.segment && explainSegment(n.segment, input, now);
  return seg ? [...why, 'segment not matched: ' + JSON.stringify(seg)] : why;
}

/** The input with the status evaluated once for all nudges. */
const withStatus = (input: NudgeInput, now: number): NudgeInput => ({ ...input, status: input.status ?? evaluateStatus(input.facts, input.statusRules, now).status });

/** Why the nudge `id` is or is not eligible now. */
export function explainNudge(id: string, nudges: readonly Nudge[], input: NudgeInput, now: number, placement?: string): NudgeExplanation {
  const n = nudges.find((x) => x.id == id);
  const reasons = n ? reasonsFor(n, withStatus(input, now), now, placement, true) : ['unknown nudge'];
  return { id, eligible: !reasons.length, holdout: reasons.includes('holdout'), reasons };
}

/**
 * The nudge to show now: the highest-priority eligible one (ties: list order), for `placement` if given.
 * A nudge whose only obstacle is the holdout is skipped (the user may get the next one).
 */
export function nextNudge(nudges: readonly Nudge[], input: NudgeInput, now: number, placement?: string): Nudge | undefined {
  const full = withStatus(input, now);
  // Array sorts are stable: ties keep list order.
  return [...nudges].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0)).find((n) => !reasonsFor(n, full, now, placement).length);
}
