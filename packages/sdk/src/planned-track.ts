/** Types only (no code): `track` typed by a tracking plan, for `createWaymark<typeof plan>()` / `createTracker<typeof plan>()`. */
import type { HasRequiredProperties, JsonObject, PlannedEventName, PlannedProperties, TrackingPlan } from '@waymark/core';
import type { CallOptions } from './tracker.js';

/** The arguments after the event name: properties required exactly when the plan requires one of them. */
export type PlannedTrackArgs<P extends TrackingPlan, E extends PlannedEventName<P>> =
  HasRequiredProperties<P, E> extends true
    ? [properties: PlannedProperties<P, E>, options?: CallOptions]
    : [properties?: PlannedProperties<P, E>, options?: CallOptions];

/** `track` under a plan (planned names, planned property types) or, without one, any name and JSON properties. */
export type Track<Plan extends TrackingPlan | undefined = undefined> = [Plan] extends [TrackingPlan]
  ? <E extends PlannedEventName<Plan>>(event: E, ...rest: PlannedTrackArgs<Plan, E>) => void
  : (event: string, properties?: JsonObject, options?: CallOptions) => void;
