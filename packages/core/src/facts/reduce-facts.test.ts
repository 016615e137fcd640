import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../wire.js';
import { countOf, DAY_MS, emptyFacts, FACTS_LIMITS, purchaseDays, qualified, type Facts } from './facts.js';
import { mergeFacts } from './merge-facts.js';
import { reduceEvents, reduceFacts, sourceOf, WAYMARK_EVENTS } from './reduce-facts.js';

const T0 = Date.UTC(2026, 2, 1, 12);
let id = 0;
const track = (event: string, at = T0, properties = {}, context: WireEvent['context'] = { streamId: 'tab-1' }): WireEvent => ({
  type: 'track', event, properties, messageId: `m${id++}`, anonymousId: 'a1', timestamp: new Date(at).toISOString(), context,
});

describe('reduceFacts', () => {
  it('counts events per source and reads the sum', () => {
    const f = reduceEvents(emptyFacts(), [track('A'), track('A', T0, {}, { streamId: 'tab-2' }), track('B')]);
    expect(f.src['tab-1']!.c).toMatchObject({ events: 2, 'e:A': 1, 'e:B': 1 });
    expect(countOf(f, 'events')).toBe(3);
    expect(countOf(f, 'e:A')).toBe(2);
  });

  it.each([
    [{ streamId: 'st' }, 'a1', undefined, 'st'],
    [{ library: { name: 'analytics-node', version: '1' } }, undefined, 'u1', 'analytics-node:u1'],
    [undefined, 'a1', 'u1', 'server:a1'],
  ])('source of context %j anonymousId %s userId %s is %s', (context, anonymousId, userId, source) => {
    expect(sourceOf({ type: 'track', messageId: 'x', timestamp: '', context, anonymousId, userId } as WireEvent)).toBe(source);
  });

  it('keeps first/last seen, last activity and active days from event time, in any order', () => {
    const f = reduceEvents(emptyFacts(), [track('A', T0 + 3 * DAY_MS), track('A', T0), track('A', T0 + DAY_MS)]);
    expect([f.first, f.last, f.active]).toEqual([T0, T0 + 3 * DAY_MS, T0 + 3 * DAY_MS]);
    const d = Math.floor(T0 / DAY_MS);
    expect(f.days).toEqual([d, d + 1, d + 3]);
    expect(f.names['A']).toMatchObject({ f: T0, l: T0 + 3 * DAY_MS, r: [T0, T0 + DAY_MS, T0 + 3 * DAY_MS] });
  });

  it('ignores events with an invalid timestamp and does not modify its input', () => {
    const before = emptyFacts();
    expect(reduceFacts(before, { ...track('A'), timestamp: 'not a date' })).toEqual(emptyFacts());
    reduceFacts(before, track('A'));
    expect(before).toEqual(emptyFacts());
  });

  it.each([
    ['revenue', { revenue: 30, total: 99 }, 30],
    ['total when revenue is absent', { total: 12.5 }, 12.5],
    ['nothing for a non-number', { revenue: '30' }, 0],
  ])('a purchase adds %s to revenue', (_, props, revenue) => {
    const f = reduceFacts(emptyFacts(), track('Order Completed', T0, props));
    expect([countOf(f, 'purchases'), countOf(f, 'revenue')]).toEqual([1, revenue]);
  });

  it('counts distinct purchase days (same-day purchases are one) and keeps the first purchase time', () => {
    const at = [T0 + 2 * DAY_MS, T0, T0 + 3_600_000, T0 + 2 * DAY_MS + 60_000, T0 + 5 * DAY_MS];
    const f = reduceEvents(emptyFacts(), [...at.map((t) => track('Order Completed', t)), track('Viewed', T0 + 9 * DAY_MS)]);
    const d = Math.floor(T0 / DAY_MS);
    expect([f.buy, purchaseDays(f), f.buy0]).toEqual([[d, d + 2, d + 5], 3, T0]);
    expect(countOf(f, 'purchases')).toBe(5);
  });

  it('keeps counting purchase days beyond the kept list, and merges two devices to their union', () => {
    const n = FACTS_LIMITS.purchaseDays + 10;
    const f = reduceEvents(emptyFacts(), Array.from({ length: n }, (_, i) => track('Order Completed', T0 + i * DAY_MS)));
    expect([f.buy.length, purchaseDays(f), f.buy0]).toEqual([FACTS_LIMITS.purchaseDays, n, T0]);
    // A late event for an old day (older than every kept day) is not counted again.
    expect(purchaseDays(reduceFacts(f, track('Order Completed', T0)))).toBe(n);
    const phone = reduceEvents(emptyFacts(), [track('Order Completed', T0, {}, { streamId: 'p' }), track('Order Completed', T0 + DAY_MS, {}, { streamId: 'p' })]);
    const tab = reduceEvents(emptyFacts(), [track('Order Completed', T0 + 2 * DAY_MS)]);
    expect(purchaseDays(mergeFacts(phone, tab))).toBe(3);
  });

  it('uses configured purchase events and revenue properties', () => {
    const f = reduceFacts(emptyFacts(), track('Subscribed', T0, { amount: 9 }), { purchaseEvents: ['Subscribed'], revenueProperties: ['amount'] });
    expect([countOf(f, 'purchases'), countOf(f, 'revenue')]).toEqual([1, 9]);
  });

  it('records churn signals without counting them as activity', () => {
    const f = reduceEvents(emptyFacts(), [track('A', T0), track('Unsubscribed', T0 + DAY_MS)]);
    expect([f.active, f.churn, f.days.length]).toEqual([T0, T0 + DAY_MS, 1]);
  });

  it('counts a session once per session id, across event types', () => {
    const ctx = (s: string) => ({ streamId: 'tab-1', sessionId: s });
    const f = reduceEvents(emptyFacts(), [track('A', T0, {}, ctx('s1')), track('B', T0 + 1, {}, ctx('s1')), track('A', T0 + 2, {}, ctx('s2'))]);
    expect(countOf(f, 'sessions')).toBe(2);
  });

  it('keeps traits last-writer-wins by event time, whatever the arrival order', () => {
    const identify = (plan: string, at: number): WireEvent => ({ type: 'identify', messageId: `i${at}`, userId: 'u1', traits: { plan }, timestamp: new Date(at).toISOString() });
    const f = reduceEvents(emptyFacts(), [identify('pro', T0 + 10), identify('free', T0)]);
    expect(f.traits['plan']).toEqual(['pro', T0 + 10]);
    expect(f.active).toBe(0);
  });

  it('records explicit step completions and events matching a configured step condition under qualified names', () => {
    const config = { checklists: [{ id: 'setup', steps: [{ id: 'invite', event: 'User Invited', where: { role: { eq: 'admin' } } }] }] };
    const f = reduceEvents(emptyFacts(), [
      track('User Invited', T0, { role: 'viewer' }),
      track('User Invited', T0 + 5, { role: 'admin' }),
      track('User Invited', T0 + 3, { role: 'admin' }),
      track(WAYMARK_EVENTS.stepCompleted, T0 + 7, { checklistId: 'setup', stepId: 'profile' }),
      track(WAYMARK_EVENTS.stepCompleted, T0 + 8, { checklistId: 'setup' }),
    ], config);
    expect(f.names[qualified('User Invited', 'setup/invite')]).toEqual({ f: T0 + 3, l: T0 + 5, r: [T0 + 3, T0 + 5], p: 1 });
    expect(countOf(f, 'e:' + qualified('User Invited', 'setup/invite'))).toBe(2);
    expect(f.names[qualified(WAYMARK_EVENTS.stepCompleted, 'setup/profile')]).toMatchObject({ f: T0 + 7, p: 1 });
    expect(Object.keys(f.names).sort()).toEqual([WAYMARK_EVENTS.stepCompleted, qualified(WAYMARK_EVENTS.stepCompleted, 'setup/profile'), 'User Invited', qualified('User Invited', 'setup/invite')].sort());
    expect(f.names['User Invited']!.p).toBe(1);
  });

  it('records nudge shows, dismissals, snoozes and conversions per nudge', () => {
    const n = (event: string, at: number, props = {}) => track(event, at, { nudgeId: 'n1', ...props });
    const f = reduceEvents(emptyFacts(), [
      n(WAYMARK_EVENTS.nudgeShown, T0), n(WAYMARK_EVENTS.nudgeShown, T0 + 10), track(WAYMARK_EVENTS.nudgeShown, T0 + 11, { nudgeId: 'n2' }),
      n(WAYMARK_EVENTS.nudgeSnoozed, T0 + 20, { until: new Date(T0 + DAY_MS).toISOString() }),
      n(WAYMARK_EVENTS.nudgeSnoozed, T0 + 30, { snoozeMs: 1000 }),
      track(WAYMARK_EVENTS.nudgeSnoozed, T0 + 30, { nudgeId: 'n3', until: T0 + 99 }),
      n(WAYMARK_EVENTS.nudgeDismissed, T0 + 40), n(WAYMARK_EVENTS.nudgeConverted, T0 + 50),
    ]);
    expect(countOf(f, 'e:' + qualified(WAYMARK_EVENTS.nudgeShown, 'n1'))).toBe(2);
    expect(f.names[qualified(WAYMARK_EVENTS.nudgeShown, 'n1')]!.l).toBe(T0 + 10);
    expect(f.names[WAYMARK_EVENTS.nudgeShown]!.r).toEqual([T0, T0 + 10, T0 + 11]);
    expect(f.names[qualified(WAYMARK_EVENTS.nudgeDismissed, 'n1')]!.f).toBe(T0 + 40);
    expect(f.names[qualified(WAYMARK_EVENTS.nudgeConverted, 'n1')]!.f).toBe(T0 + 50);
    expect(f.until).toEqual({ n1: T0 + DAY_MS, n3: T0 + 99 });
  });

  it('accepts stored facts that predate a field', () => {
    const old = { v: 1, first: T0, last: T0, active: T0, churn: 0, days: [], src: {}, names: {}, sess: {}, traits: {} } as unknown as Facts;
    const n = (event: string, props = {}) => track(event, T0 + 1, { nudgeId: 'n1', ...props });
    expect(reduceFacts(old, n(WAYMARK_EVENTS.nudgeSnoozed, { until: T0 + 9 })).until).toEqual({ n1: T0 + 9 });
    expect(mergeFacts(old, reduceFacts(emptyFacts(), n(WAYMARK_EVENTS.nudgeSnoozed, { until: T0 + 9 }))).until).toEqual({ n1: T0 + 9 });
  });

  it('keeps a dismissal (a pinned name) while thousands of other names come and go', () => {
    const events = [track(WAYMARK_EVENTS.nudgeDismissed, T0, { nudgeId: 'n1' })];
    for (let i = 1; i <= 3000; i++) events.push(track(`Event ${i}`, T0 + i));
    const f = reduceEvents(emptyFacts(), events);
    expect(f.names[qualified(WAYMARK_EVENTS.nudgeDismissed, 'n1')]?.f).toBe(T0);
    expect(Object.keys(f.names)).toHaveLength(FACTS_LIMITS.names + 2);
  });

  it('handles names that collide with Object.prototype members', () => {
    const f = reduceEvents(emptyFacts(), [track('constructor'), track('toString'), track('__proto__'), track('x', T0, {}, { streamId: 'constructor' })]);
    expect(countOf(f, 'e:constructor')).toBe(1);
    expect(f.names['toString']!.r).toEqual([T0]);
    expect(Object.getPrototypeOf(f.names)).toBeNull(); // a dictionary-mode map (mergeMap), and a `__proto__` name set no prototype
    expect(countOf(f, 'events')).toBe(4);
  });

  it('stays bounded whatever the history, keeping pinned names and exact totals', () => {
    const events: WireEvent[] = [];
    for (let i = 0; i < 20_000; i++)
      events.push(track(i % 7 == 0 ? 'Order Completed' : `Event ${i % 500}`, T0 + i * 3_600_000, { revenue: 1 }, { streamId: `tab-${i % 300}`, sessionId: `s${Math.floor(i / 5)}` }));
    const f = reduceEvents(emptyFacts(), events, { events: ['Order Completed'] });
    expect(Object.keys(f.src).length).toBe(FACTS_LIMITS.sources);
    expect(Object.keys(f.names).length).toBe(FACTS_LIMITS.names + 1);
    expect(f.names['Order Completed']!.p).toBe(1);
    expect(f.days.length).toBe(FACTS_LIMITS.activeDays);
    expect(countOf(f, 'events')).toBe(20_000);
    expect(countOf(f, 'e:Order Completed')).toBe(Math.ceil(20_000 / 7));
    expect(countOf(f, 'sessions')).toBe(4000);
    expect(JSON.stringify(f).length).toBeLessThan(64 * 1024);
    // Merging with itself changes nothing even beyond the limits.
    expect(mergeFacts(f, f)).toEqual(f);
  }, 30_000); // a heavy property run: generous for a loaded 2-core machine
});

describe('reduceEvents', () => {
  const event = fc
    .record({ name: fc.integer({ min: 0, max: 90 }), at: fc.integer({ min: 0, max: 200 * DAY_MS }), stream: fc.integer({ min: 0, max: 40 }), sess: fc.integer({ min: 0, max: 40 }), trait: fc.integer({ min: 0, max: 80 }), identify: fc.boolean() })
    .map(({ name, at, stream, sess, trait, identify }): WireEvent => {
      const base = { messageId: `p${name}`, anonymousId: 'a1', timestamp: new Date(T0 + at).toISOString(), context: { streamId: `tab-${stream}`, sessionId: `s${sess}` } };
      return identify ? { ...base, type: 'identify', traits: { [`k${trait}`]: trait } } : { ...base, type: 'track', event: name % 9 == 0 ? WAYMARK_EVENTS.nudgeShown : `Event ${name}`, properties: { nudgeId: `n${trait}` } };
    });

  it('folding a batch equals folding its events one by one, beyond the limits too, without modifying the input', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 300 }), fc.array(event, { maxLength: 60 }), (history, batch) => {
        const start = reduceEvents(emptyFacts(), history);
        const before = JSON.stringify(start);
        const oneByOne = batch.reduce((f, e) => reduceFacts(f, e), start);
        expect(reduceEvents(start, batch)).toEqual(oneByOne);
        expect(JSON.stringify(start)).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
