import { describe, expect, it } from 'vitest';
import type { JsonObject, WireEvent } from '../wire.js';
import { DAY_MS, emptyFacts } from '../facts/facts.js';
import { reduceEvents } from '../facts/reduce-facts.js';
import { explainSegment, matchSegment, type Predicate, type SegmentInput } from './match-segment.js';

const NOW = Date.UTC(2026, 5, 15, 12);
const H = 3_600_000;
let n = 0;
const at = (event: string, msAgo: number, properties: JsonObject = {}): WireEvent => ({
  type: 'track', event, properties, messageId: `m${n++}`, timestamp: new Date(NOW - msAgo).toISOString(), context: { streamId: 's', sessionId: `s${Math.floor(msAgo / DAY_MS)}` },
});
const identify = (traits: JsonObject): WireEvent => ({ type: 'identify', messageId: `i${n++}`, userId: 'u', traits, timestamp: new Date(NOW - 10 * DAY_MS).toISOString() });

// A shopper: 3 sessions over 10 days, added to cart 3 h ago after an order 5 h ago, never ordered since.
const shopper = reduceEvents(emptyFacts(), [
  identify({ plan: 'pro', seats: 5, email: 'a@b.c' }),
  at('Viewed Product', 10 * DAY_MS), at('Viewed Product', 2 * DAY_MS),
  at('Order Completed', 5 * H, { revenue: 40 }),
  at('Added To Cart', 30 * H), at('Added To Cart', 3 * H),
  at('Project Created', 2 * DAY_MS),
]);
const input: SegmentInput = {
  facts: shopper,
  checklists: [{ id: 'setup', steps: [{ id: 'project', event: 'Project Created' }, { id: 'invite', event: 'User Invited' }] }],
  segments: ['rfm:champions'],
};

describe('matchSegment', () => {
  it.each<[string, Predicate, boolean]>([
    ['status', { status: 'new' }, false],
    ['status', { status: 'active' }, true],
    ['status list', { status: ['dormant', 'new'] }, false],
    ['status list with the status', { status: ['loyal', 'active'] }, true],
    ['event ever', { event: 'Added To Cart' }, true],
    ['event never', { event: 'Checkout Started' }, false],
    ['event at least 2', { event: 'Added To Cart', atLeast: 2 }, true],
    ['event at least 3', { event: 'Added To Cart', atLeast: 3 }, false],
    ['event within 24 h', { event: 'Added To Cart', atLeast: 1, withinMs: 24 * H }, true],
    ['event twice within 24 h', { event: 'Added To Cart', atLeast: 2, withinMs: 24 * H }, false],
    ['event within 2 h', { event: 'Added To Cart', withinMs: 2 * H }, false],
    ['no order since the last add to cart', { event: 'Order Completed', since: 'Added To Cart', atMost: 0 }, true],
    ['no add to cart since the last order', { event: 'Added To Cart', since: 'Order Completed', atMost: 0 }, false],
    ['since an event that never happened counts all time', { event: 'Order Completed', since: 'Refunded', atMost: 0 }, false],
    [
      'cart abandonment: added to cart in 24 h and no order since',
      { all: [{ event: 'Added To Cart', withinMs: 24 * H }, { event: 'Order Completed', since: 'Added To Cart', atMost: 0 }] },
      true,
    ],
    ['sessions ≥ 3', { metric: 'sessions', atLeast: 3 }, true],
    ['sessions ≤ 2', { metric: 'sessions', atMost: 2 }, false],
    ['revenue ≥ 40', { metric: 'revenue', atLeast: 40 }, true],
    ['purchases ≥ 2', { metric: 'purchases', atLeast: 2 }, false],
    ['active days in last 3 days', { metric: 'activeDays', withinMs: 3 * DAY_MS, atLeast: 2 }, true],
    ['days since first seen ≥ 10', { metric: 'daysSinceFirstSeen', atLeast: 10 }, true],
    ['days since active ≤ 1', { metric: 'daysSinceActive', atMost: 1 }, true],
    ['trait eq', { trait: 'plan', eq: 'pro' }, true],
    ['trait neq', { trait: 'plan', neq: 'pro' }, false],
    ['trait in', { trait: 'plan', in: ['team', 'pro'] }, true],
    ['trait gt', { trait: 'seats', gt: 5 }, false],
    ['trait lt', { trait: 'seats', lt: 6 }, true],
    ['trait exists', { trait: 'email', exists: true }, true],
    ['trait absent', { trait: 'company', exists: false }, true],
    ['absent trait neq', { trait: 'company', neq: 'x' }, true],
    ['absent trait eq', { trait: 'company', eq: 'x' }, false],
    ['server segment', { segment: 'rfm:champions' }, true],
    ['other server segment', { segment: 'persona:explorer' }, false],
    ['step done', { checklist: 'setup', step: 'project' }, true],
    ['step not done', { checklist: 'setup', step: 'invite', done: false }, true],
    ['checklist complete', { checklist: 'setup', done: true }, false],
    ['checklist half done', { checklist: 'setup', atLeast: 0.5 }, true],
    ['checklist under half', { checklist: 'setup', atMost: 0.4 }, false],
    ['checklist progress 0 or more', { checklist: 'setup', atLeast: 0 }, true],
    ['unknown step', { checklist: 'setup', step: 'nope', done: false }, false],
    ['unknown checklist', { checklist: 'other', done: false }, false],
    ['all', { all: [{ trait: 'plan', eq: 'pro' }, { segment: 'rfm:champions' }] }, true],
    ['all with one failing', { all: [{ trait: 'plan', eq: 'pro' }, { segment: 'x' }] }, false],
    ['any', { any: [{ segment: 'x' }, { trait: 'plan', eq: 'pro' }] }, true],
    ['any all failing', { any: [{ segment: 'x' }, { segment: 'y' }] }, false],
    ['empty all', { all: [] }, true],
    ['empty any', { any: [] }, false],
    ['not', { not: { segment: 'x' } }, true],
    ['not of a match', { not: { trait: 'plan', eq: 'pro' } }, false],
    ['unknown shape', { bogus: 1 } as unknown as Predicate, false],
  ])('%s → %s', (_, p, expected) => expect(matchSegment(p, input, NOW)).toBe(expected));

  it('uses a given status instead of computing it', () => {
    expect(matchSegment({ status: 'dormant' }, { ...input, status: 'dormant' }, NOW)).toBe(true);
  });

  it.each<[Predicate, Predicate | undefined]>([
    [{ status: 'new' }, { status: 'new' }],
    [{ all: [{ segment: 'rfm:champions' }, { event: 'Added To Cart', atLeast: 2, withinMs: 24 * H }] }, { event: 'Added To Cart', atLeast: 2, withinMs: 24 * H }],
    [{ any: [{ segment: 'x' }, { trait: 'plan', eq: 'team' }] }, { any: [{ segment: 'x' }, { trait: 'plan', eq: 'team' }] }],
    [{ not: { segment: 'rfm:champions' } }, { not: { segment: 'rfm:champions' } }],
    [{ all: [{ any: [{ segment: 'x' }, { segment: 'rfm:champions' }] }, { not: { segment: 'y' } }] }, undefined],
  ])('explains %j by its failing part', (p, why) => expect(explainSegment(p, input, NOW)).toEqual(why));

  it('counts beyond the kept recent times conservatively', () => {
    const many = reduceEvents(emptyFacts(), Array.from({ length: 40 }, (_, i) => at('Ping', i * 60_000)));
    expect(matchSegment({ event: 'Ping', withinMs: DAY_MS, atLeast: 16 }, { facts: many }, NOW)).toBe(true);
    expect(matchSegment({ event: 'Ping', withinMs: DAY_MS, atLeast: 17 }, { facts: many }, NOW)).toBe(false);
    expect(matchSegment({ event: 'Ping', withinMs: DAY_MS, atMost: 39 }, { facts: many }, NOW)).toBe(false);
    expect(matchSegment({ event: 'Ping', withinMs: 10 * 60_000, atMost: 10 }, { facts: many }, NOW)).toBe(true);
  });
});
