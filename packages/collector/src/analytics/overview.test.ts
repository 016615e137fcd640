import { DAY_MS, emptyFacts, reduceEvents, type Checklist, type Facts, type JsonObject, type WireEvent } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { createOverview } from './overview.js';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
let n = 0;
const track = (event: string, daysAgo: number, properties: JsonObject = {}): WireEvent => ({
  type: 'track', event, messageId: `m${n++}`, userId: 'u', timestamp: new Date(NOW - daysAgo * DAY_MS).toISOString(), properties,
});
const checklist: Checklist = { id: 'setup', steps: [{ id: 'project', event: 'Project Created' }, { id: 'invite', event: 'Teammate Invited' }] };
const factsOf = (events: WireEvent[]): Facts => reduceEvents(emptyFacts(), events, { checklists: [checklist] });

/** Active on each of the last `days` days (today included). */
const daily = (days: number, event = 'Viewed') => Array.from({ length: days }, (_, i) => track(event, i));

describe('createOverview', () => {
  const people = {
    // first seen today: new; did both steps; bought twice
    fresh: factsOf([track('Project Created', 0), track('Teammate Invited', 0), track('Order Completed', 0, { revenue: 10.5 }), track('Order Completed', 0, { revenue: 4.25 })]),
    // active on each of the last 20 days: loyal (≥ 12 of 28), one step done
    regular: factsOf([...daily(20), track('Project Created', 25)]),
    // last seen 3 days ago, first seen 10 days ago: active, counted in WAU and MAU only
    recent: factsOf([track('Viewed', 10), track('Viewed', 3)]),
    // silent for 40 days: churned
    gone: factsOf([track('Viewed', 60), track('Viewed', 40)]),
  };
  const overview = () => {
    const o = createOverview({ nowMs: NOW, days: 7, checklists: [checklist], segments: { buyers: { metric: 'purchases', gte: 1 } } as never });
    o.add(people.fresh, true);
    o.add(people.regular, true);
    o.add(people.recent, false);
    o.add(people.gone, true);
    return o.result();
  };

  it('counts people, identified or anonymous, and the lifecycle mix with core\'s evaluateStatus', () => {
    const r = overview();
    expect(r.people).toEqual({ total: 4, identified: 3, anonymous: 1 });
    expect(r.lifecycle).toEqual({ new: 1, active: 1, loyal: 1, dormant: 0, churned: 1, resurrected: 0 });
    expect(r.asOf).toBe('2026-11-25T12:00:00.000Z');
  });

  it('derives DAU / WAU / MAU, stickiness and daily actives (oldest first, ending today) from active days', () => {
    const { activity } = overview();
    expect(activity).toMatchObject({ dau: 2, wau: 3, mau: 3, stickiness: 2 / 3 });
    expect(activity.daily.map((d) => d.date)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']);
    expect(activity.daily.map((d) => d.active)).toEqual([1, 1, 1, 2, 1, 1, 2]);
  });

  it('gives each checklist a funnel: people who did each step and completed it', () => {
    expect(overview().onboarding).toEqual([
      { id: 'setup', people: 4, completed: 1, completionRate: 0.25, steps: [{ id: 'project', done: 2, medianMs: 0 }, { id: 'invite', done: 1, medianMs: 0 }] },
    ]);
  });

  it('gives the median time from first seen to each step (within 2.5%), over the people who did it', () => {
    const o = createOverview({ nowMs: NOW, checklists: [checklist] });
    o.add(factsOf([track('Viewed', 10), track('Project Created', 8)]), true); // 2 days
    o.add(factsOf([track('Viewed', 5), track('Project Created', 4), track('Teammate Invited', 1)]), true); // 1 day, 4 days
    o.add(factsOf([track('Viewed', 9), track('Project Created', 6)]), true); // 3 days
    o.add(factsOf([track('Viewed', 2)]), true); // no step: not counted
    const [project, invite] = o.result().onboarding[0]!.steps;
    expect(Math.abs(project!.medianMs! - 2 * DAY_MS) / (2 * DAY_MS)).toBeLessThan(0.025);
    expect(Math.abs(invite!.medianMs! - 4 * DAY_MS) / (4 * DAY_MS)).toBeLessThan(0.025);
  });

  it('sizes custom segments and sums events, purchases, revenue and the top event names', () => {
    const r = overview();
    expect(r.segments).toEqual([{ id: 'buyers', people: 1 }]);
    expect(r.events).toMatchObject({ total: 4 + 21 + 2 + 2, purchases: 2, revenue: 14.75 });
    expect(r.events.top[0]).toEqual({ name: 'Viewed', count: 24 });
    expect(r.events.top.map((t) => t.name)).toEqual(['Viewed', 'Order Completed', 'Project Created', 'Teammate Invited']);
  });

  it('answers zeros and null rates for a project without people, and never throws on a malformed segment', () => {
    const o = createOverview({ nowMs: NOW, checklists: [checklist], segments: { broken: { nonsense: true } as never } });
    expect(o.result()).toMatchObject({ people: { total: 0 }, activity: { dau: 0, mau: 0, stickiness: null }, onboarding: [{ completionRate: null }], segments: [{ id: 'broken', people: 0 }] });
    expect(o.result().activity.daily).toHaveLength(30);
    o.add(people.fresh, true);
    expect(o.result().segments).toEqual([{ id: 'broken', people: 0 }]);
  });
});
