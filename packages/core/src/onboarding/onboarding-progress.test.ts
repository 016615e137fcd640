import { describe, expect, it } from 'vitest';
import type { JsonObject, WireEvent } from '../wire.js';
import { emptyFacts } from '../facts/facts.js';
import { mergeFacts } from '../facts/merge-facts.js';
import { reduceEvents, WAYMARK_EVENTS, type FactsConfig } from '../facts/reduce-facts.js';
import { onboardingProgress, type Checklist } from './onboarding-progress.js';

const T0 = Date.UTC(2026, 3, 1);
let n = 0;
const ev = (event: string, t: number, properties: JsonObject = {}, streamId = 'laptop'): WireEvent => ({
  type: 'track', event, properties, messageId: `m${n++}`, timestamp: new Date(T0 + t).toISOString(), context: { streamId },
});

const setup: Checklist = {
  id: 'setup',
  steps: [
    { id: 'project', event: 'Project Created' },
    { id: 'invite-admin', event: 'User Invited', where: { role: { eq: 'admin' } }, weight: 2 },
    { id: 'three-reports', event: 'Report Run', count: 3 },
    { id: 'profile' },
  ],
};
const config: FactsConfig = { checklists: [setup] };

describe('onboardingProgress', () => {
  it('starts at zero with the first step next', () => {
    expect(onboardingProgress(emptyFacts(), setup)).toMatchObject({ done: 0, total: 4, progress: 0, complete: false, next: 'project', completedAt: 0 });
  });

  it('counts name-only steps from event counts, even without the checklist in the facts config', () => {
    const f = reduceEvents(emptyFacts(), [ev('Project Created', 5), ev('Report Run', 10), ev('Report Run', 20), ev('Report Run', 30), ev('Report Run', 40)]);
    const p = onboardingProgress(f, setup);
    expect(p.steps).toEqual([
      { id: 'project', done: true, doneAt: T0 + 5 },
      { id: 'invite-admin', done: false, doneAt: 0 },
      { id: 'three-reports', done: true, doneAt: T0 + 30 },
      { id: 'profile', done: false, doneAt: 0 },
    ]);
    expect(p).toMatchObject({ done: 2, progress: 2 / 5, next: 'invite-admin' });
  });

  it('needs the checklist in the facts config for steps with property conditions', () => {
    const events = [ev('User Invited', 1, { role: 'viewer' }), ev('User Invited', 2, { role: 'admin' })];
    expect(onboardingProgress(reduceEvents(emptyFacts(), events), setup).steps[1]!.done).toBe(false);
    expect(onboardingProgress(reduceEvents(emptyFacts(), events, config), setup).steps[1]).toEqual({ id: 'invite-admin', done: true, doneAt: T0 + 2 });
  });

  it('completes steps explicitly and reports completion time and weighted progress', () => {
    const f = reduceEvents(emptyFacts(), [
      ev('Project Created', 1), ev('User Invited', 2, { role: 'admin' }), ev('Report Run', 3), ev('Report Run', 4), ev('Report Run', 5),
      ev(WAYMARK_EVENTS.stepCompleted, 9, { checklistId: 'setup', stepId: 'profile' }),
      ev(WAYMARK_EVENTS.stepCompleted, 7, { checklistId: 'other', stepId: 'project' }),
    ], config);
    expect(onboardingProgress(f, setup)).toMatchObject({ done: 4, progress: 1, complete: true, next: null, completedAt: T0 + 9 });
  });

  it('counts steps done on another device once the server snapshot is merged, without double counting', () => {
    const phone = reduceEvents(emptyFacts(), [ev('Project Created', 1, {}, 'phone'), ev('Report Run', 2, {}, 'phone'), ev('Report Run', 3, {}, 'phone')], config);
    const server = phone; // the collector reduced the phone's events
    let laptop = reduceEvents(emptyFacts(), [ev('Report Run', 4, {}, 'laptop')], config);
    expect(onboardingProgress(laptop, setup).steps[2]!.done).toBe(false);
    laptop = mergeFacts(mergeFacts(laptop, server), server);
    expect(onboardingProgress(laptop, setup)).toMatchObject({ done: 2, next: 'invite-admin' });
    expect(onboardingProgress(mergeFacts(reduceEvents(emptyFacts(), [], config), server), setup).steps[2]!.done).toBe(false);
  });

  it('counts a step with a count and a condition across devices', () => {
    const list: Checklist = { id: 'c', steps: [{ id: 'two-big', event: 'Upload', where: { mb: { gt: 10 } }, count: 2 }] };
    const cfg = { checklists: [list] };
    const a = reduceEvents(emptyFacts(), [ev('Upload', 1, { mb: 50 }, 'a'), ev('Upload', 2, { mb: 1 }, 'a')], cfg);
    const b = reduceEvents(emptyFacts(), [ev('Upload', 3, { mb: 20 }, 'b')], cfg);
    expect(onboardingProgress(a, list).complete).toBe(false);
    expect(onboardingProgress(mergeFacts(a, b), list)).toMatchObject({ complete: true, progress: 1, completedAt: T0 + 3 });
  });

  it('treats an empty checklist as complete', () => {
    expect(onboardingProgress(emptyFacts(), { id: 'e', steps: [] })).toMatchObject({ done: 0, total: 0, progress: 1, complete: true, next: null });
  });
});
