import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../wire.js';
import { countOf, emptyFacts, type Facts } from './facts.js';
import { mergeFacts } from './merge-facts.js';
import { reduceEvents, WAYMARK_EVENTS } from './reduce-facts.js';

const T0 = Date.UTC(2026, 0, 1);
const NAMES = ['Added To Cart', 'Order Completed', 'Unsubscribed', 'Project Created', WAYMARK_EVENTS.nudgeShown, WAYMARK_EVENTS.nudgeDismissed, WAYMARK_EVENTS.stepCompleted];
const CONFIG = { checklists: [{ id: 'setup', steps: [{ id: 'two-projects', event: 'Project Created', count: 2 }] }] };

/** Events of one source; session ids are per source (cross-tab sessions are covered by a separate test). */
const eventArb = (source: string) =>
  fc
    .record({
      type: fc.constantFrom('track', 'track', 'page', 'identify'),
      name: fc.constantFrom(...NAMES),
      offsetMin: fc.integer({ min: 0, max: 60 * 24 * 120 }),
      session: fc.integer({ min: 0, max: 5 }),
      revenue: fc.integer({ min: 0, max: 500 }),
      plan: fc.constantFrom('free', 'pro', 'team'),
    })
    .map(({ type, name, offsetMin, session, revenue, plan }, i?: number): WireEvent => ({
      type: type as WireEvent['type'],
      messageId: `${source}-${offsetMin}-${i ?? 0}`,
      anonymousId: 'anon-1',
      ...(type == 'track' ? { event: name } : {}),
      properties: { revenue, nudgeId: 'n1', checklistId: 'setup', stepId: 'welcome' },
      traits: { plan },
      timestamp: new Date(T0 + offsetMin * 60_000).toISOString(),
      context: { streamId: source, sessionId: `${source}-s${session}` },
    }));

/** A world: per-source event streams. A replica knows a prefix of each stream. */
const worldArb = fc.record({
  a: fc.array(eventArb('tab-a'), { maxLength: 25 }),
  b: fc.array(eventArb('tab-b'), { maxLength: 25 }),
  c: fc.array(eventArb('phone'), { maxLength: 25 }),
});
type World = { a: WireEvent[]; b: WireEvent[]; c: WireEvent[] };
const prefixArb = fc.tuple(fc.nat(25), fc.nat(25), fc.nat(25));
const known = (w: World, [x, y, z]: [number, number, number]) => [...w.a.slice(0, x), ...w.b.slice(0, y), ...w.c.slice(0, z)];
const factsOf = (events: WireEvent[]) => reduceEvents(emptyFacts(), events, CONFIG);
const factsArb = fc.tuple(worldArb, prefixArb).map(([w, p]) => factsOf(known(w, p)));

describe('mergeFacts is a join', () => {
  it('is idempotent', () => fc.assert(fc.property(factsArb, (a) => void expect(mergeFacts(a, a)).toEqual(a))));
  it('is commutative', () => fc.assert(fc.property(factsArb, factsArb, (a, b) => void expect(mergeFacts(a, b)).toEqual(mergeFacts(b, a)))));
  it('is associative', () =>
    fc.assert(fc.property(factsArb, factsArb, factsArb, (a, b, c) => void expect(mergeFacts(mergeFacts(a, b), c)).toEqual(mergeFacts(a, mergeFacts(b, c))))));
  it('has emptyFacts as identity', () => fc.assert(fc.property(factsArb, (a) => void expect(mergeFacts(a, emptyFacts())).toEqual(a))));
  it('does not modify its inputs', () =>
    fc.assert(
      fc.property(factsArb, factsArb, (a, b) => {
        const [ja, jb] = [JSON.stringify(a), JSON.stringify(b)];
        mergeFacts(a, b);
        expect([JSON.stringify(a), JSON.stringify(b)]).toEqual([ja, jb]);
      }),
    ));
});

describe('merging device facts with a server snapshot never double counts', () => {
  it('equals the facts of the union of what both replicas saw', () =>
    fc.assert(
      fc.property(worldArb, prefixArb, prefixArb, (w, p, q) => {
        const union = [Math.max(p[0], q[0]), Math.max(p[1], q[1]), Math.max(p[2], q[2])] as [number, number, number];
        expect(mergeFacts(factsOf(known(w, p)), factsOf(known(w, q)))).toEqual(factsOf(known(w, union)));
      }),
    ));

  it('keeps counting after repeated snapshot merges', () => {
    const device = (n: number) => factsOf(Array.from({ length: n }, (_, i) => ev('tab-a', i)));
    // The server has acknowledged the first 3 of the device's events and 2 from another device.
    const server = mergeFacts(device(3), factsOf([ev('phone', 0), ev('phone', 1)]));
    let local = mergeFacts(device(5), server);
    local = mergeFacts(mergeFacts(local, server), server);
    expect(countOf(local, 'events')).toBe(7);
    expect(countOf(local, 'e:Added To Cart')).toBe(7);
  });
});

function ev(source: string, i: number): WireEvent {
  return { type: 'track', event: 'Added To Cart', messageId: `${source}-${i}`, timestamp: new Date(T0 + i * 1000).toISOString(), context: { streamId: source } };
}

it('a session seen by two tabs before they sync may count once per tab (documented)', () => {
  const tab = (s: string) => factsOf([{ ...ev(s, 0), context: { streamId: s, sessionId: 'shared' } }]);
  const both: Facts = mergeFacts(tab('tab-a'), tab('tab-b'));
  expect(countOf(both, 'sessions')).toBe(2);
  // Reduced in one place (the collector), the shared session counts once.
  expect(countOf(factsOf([{ ...ev('tab-a', 0), context: { streamId: 'tab-a', sessionId: 'shared' } }, { ...ev('tab-b', 1), context: { streamId: 'tab-b', sessionId: 'shared' } }]), 'sessions')).toBe(1);
});

it('merging is idempotent and commutative beyond the size limits too', () => {
  const many = (from: number, n: number) =>
    factsOf(Array.from({ length: n }, (_, i) => ({ ...ev(`tab-${from + i}`, from + i), event: `E${(from + i) % 90}` })));
  fc.assert(
    fc.property(fc.nat(40), fc.integer({ min: 1, max: 80 }), fc.nat(40), fc.integer({ min: 1, max: 80 }), (x, n, y, m) => {
      const [a, b] = [many(x, n), many(y, m)];
      expect(mergeFacts(a, a)).toEqual(a);
      expect(mergeFacts(a, b)).toEqual(mergeFacts(b, a));
      expect(Object.keys(mergeFacts(a, b).src).length).toBeLessThanOrEqual(32);
    }),
    { numRuns: 60 },
  );
});

it('reducing the same events in any order gives the same facts', () =>
  fc.assert(
    fc.property(worldArb, fc.nat(), (w, seed) => {
      const all = [...w.a, ...w.b, ...w.c];
      const shuffled = all.map((e, i) => [(i * 7919 + seed) % 104729, e] as const).sort((x, y) => x[0] - y[0]).map((x) => x[1]);
      expect(factsOf(shuffled)).toEqual(factsOf(all));
    }),
  ));

it('reducing events one by one equals reducing them at once', () => {
  const events = Array.from({ length: 40 }, (_, i) => ({ ...ev(`tab-${i % 3}`, i), event: i % 4 ? 'Added To Cart' : 'Order Completed', properties: { revenue: 5 } }));
  const oneByOne = events.reduce((f, e) => reduceEvents(f, [e], CONFIG), emptyFacts());
  expect(oneByOne).toEqual(factsOf(events));
  expect(countOf(oneByOne, 'revenue')).toBe(50);
});
