// Type tests of the tracking plan, checked by `tsc` (npm run typecheck): each `@ts-expect-error` must be an error.
import { definePlan } from '@waymark/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { createTracker } from './create-tracker.js';
import type { createWaymark, Waymark } from './create-waymark.js';

const plan = definePlan({
  events: {
    'Signed Up': { properties: { plan: { type: 'string', required: true, values: ['free', 'pro'] }, seats: { type: 'integer' } } },
    'Order Completed': { properties: { total: { type: 'number', required: true } }, additionalProperties: true },
    'Logged Out': {},
  },
});

/** Never called: the calls below are for the type checker only. */
function typed(waymark: ReturnType<typeof createWaymark<typeof plan>>, tracker: ReturnType<typeof createTracker<typeof plan>>) {
  waymark.track('Signed Up', { plan: 'pro', seats: 2 });
  waymark.track('Signed Up', { plan: 'free' }, { messageId: 'm1' });
  waymark.track('Order Completed', { total: 10, coupon: 'WELCOME' });
  waymark.track('Logged Out');
  tracker.track('Signed Up', { plan: 'pro' });
  // @ts-expect-error a misspelt event name
  waymark.track('Signed Upp', { plan: 'pro' });
  // @ts-expect-error a value the plan does not allow
  waymark.track('Signed Up', { plan: 'gold' });
  // @ts-expect-error a wrong property type
  waymark.track('Signed Up', { plan: 'pro', seats: '2' });
  // @ts-expect-error a required property missing
  waymark.track('Signed Up', {});
  // @ts-expect-error properties required when one of them is
  waymark.track('Signed Up');
  // @ts-expect-error a property the plan does not list
  waymark.track('Signed Up', { plan: 'pro', coupon: 'x' });
  // @ts-expect-error an unplanned event on the tracker too
  tracker.track('Whatever');
}

/** Without a plan, any name and JSON properties, as before. */
function untyped(waymark: Waymark) {
  waymark.track('Anything', { at: 1, nested: { ok: true } });
  // @ts-expect-error properties are still JSON
  waymark.track('Anything', { when: new Date() });
}

describe('tracking plan types', () => {
  it('types track() by the plan (checked by tsc; nothing runs)', () => {
    expectTypeOf(typed).toBeFunction();
    expectTypeOf(untyped).toBeFunction();
    expectTypeOf<Parameters<Waymark<typeof plan>['track']>[0]>().toEqualTypeOf<'Signed Up' | 'Order Completed' | 'Logged Out'>();
    expectTypeOf<Waymark<typeof plan>['status']>().toEqualTypeOf<Waymark['status']>();
  });
});
