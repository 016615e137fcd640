import { describe, expect, it } from 'vitest';
import { checkPlannedEvent } from './check-planned-event.js';
import { definePlan } from './tracking-plan.js';

const plan = definePlan({
  events: {
    'Signed Up': { properties: { plan: { type: 'string', required: true, values: ['free', 'pro'] }, seats: { type: 'integer' } } },
    'Order Completed': { properties: { total: { type: 'number', required: true }, items: { type: 'array' }, meta: { type: 'object' }, gift: { type: 'boolean' } }, additionalProperties: true },
    'Logged Out': {},
  },
});
const track = (event: string, properties?: unknown) => ({ type: 'track', event, properties });

describe('checkPlannedEvent', () => {
  it.each([
    ['a conforming event', track('Signed Up', { plan: 'pro', seats: 3 }), []],
    ['an optional property left out', track('Signed Up', { plan: 'free' }), []],
    ['a null optional property', track('Signed Up', { plan: 'free', seats: null }), []],
    ['a misspelt event name', track('Signed Upp', { plan: 'pro' }), ['event "Signed Upp" is not in the tracking plan']],
    ['a missing required property', track('Signed Up', {}), ['property "plan" is required']],
    ['no properties at all', track('Signed Up'), ['property "plan" is required']],
    ['a value not allowed', track('Signed Up', { plan: 'gold' }), ['property "plan" must be one of "free", "pro"']],
    ['a wrong type', track('Signed Up', { plan: 'pro', seats: '3' }), ['property "seats" must be an integer']],
    ['a fractional integer', track('Signed Up', { plan: 'pro', seats: 1.5 }), ['property "seats" must be an integer']],
    ['an unplanned property', track('Signed Up', { plan: 'pro', coupon: 'x' }), ['property "coupon" is not in the tracking plan']],
    ['extra properties where allowed', track('Order Completed', { total: 9.5, coupon: 'x' }), []],
    ['object, array and boolean types', track('Order Completed', { total: 1, items: {}, meta: [], gift: 'yes' }), ['property "items" must be an array', 'property "meta" must be an object', 'property "gift" must be a boolean']],
    ['a number that is not finite-looking', track('Order Completed', { total: 'NaN' }), ['property "total" must be a number']],
    ['an event with no planned properties', track('Logged Out', { why: 1 }), ['property "why" is not in the tracking plan']],
    ['a page view (not checked)', { type: 'page', name: 'Home', properties: { any: 1 } }, []],
    ['the SDK’s own events', track('session_start', { sessionCount: 1 }), []],
    ['a nudge event', track('Nudge Shown', { nudgeId: 'x' }), []],
    ['an inherited name', track('constructor'), ['event "constructor" is not in the tracking plan']],
  ])('%s', (_, event, expected) => {
    expect(checkPlannedEvent(plan, event)).toEqual(expected);
  });

  it('lets unplanned events through when the plan allows them, still checking planned ones', () => {
    const open = { ...plan, allowUnplannedEvents: true };
    expect(checkPlannedEvent(open, track('Anything', { x: 1 }))).toEqual([]);
    expect(checkPlannedEvent(open, track('Signed Up', { plan: 'gold' }))).toHaveLength(1);
  });
});
