/** A tracking plan as data (events, their properties' types, required or not, allowed values) and the types it implies. */
import type { JsonObject, JsonValue } from '../wire.js';

export type PropertyType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';

export interface PropertySpec {
  type: PropertyType;
  /** The event is a violation without it. @default false */
  required?: boolean;
  /** The only values allowed (strings or numbers), e.g. `['free', 'pro']`. @default any value of `type` */
  values?: readonly (string | number)[];
  description?: string;
}

export interface EventSpec {
  /** The planned properties by name. @default {} */
  properties?: Readonly<Record<string, PropertySpec>>;
  /** Whether properties the plan does not list are allowed. @default false */
  additionalProperties?: boolean;
  description?: string;
}

export interface TrackingPlan {
  /** Planned `track` events by name. Page, identify, group and alias calls, and the SDK's own events, are not checked. */
  events: Readonly<Record<string, EventSpec>>;
  /** Whether `track` events the plan does not list are allowed. @default false */
  allowUnplannedEvents?: boolean;
  /** What the collector does with a violating event: `'reject'` it (with the reason) or `'flag'` it (stored with `planViolations`). @default 'reject' */
  onViolation?: 'reject' | 'flag';
}

/**
 * Returns the plan unchanged, typed exactly (literal names and values), for `createWaymark<typeof plan>()`:
 * `const plan = definePlan({ events: { 'Signed Up': { properties: { plan: { type: 'string', values: ['free', 'pro'] } } } } })`.
 */
export const definePlan = <const P extends TrackingPlan>(plan: P): P => plan;

/** The planned event names of a plan. */
export type PlannedEventName<P extends TrackingPlan> = keyof P['events'] & string;

type ValueOf<S> = S extends { values: readonly (infer V)[] }
  ? V
  : S extends { type: 'string' }
    ? string
    : S extends { type: 'number' | 'integer' }
      ? number
      : S extends { type: 'boolean' }
        ? boolean
        : S extends { type: 'object' }
          ? JsonObject
          : JsonValue[];

type Specs<E> = E extends { properties: infer S extends Readonly<Record<string, PropertySpec>> } ? S : {};
type RequiredKeys<S> = { [K in keyof S]: S[K] extends { required: true } ? K : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The properties object of event `E` in plan `P`: required ones required, types and allowed values as planned. */
export type PlannedProperties<P extends TrackingPlan, E extends PlannedEventName<P>> = Simplify<
  { [K in RequiredKeys<Specs<P['events'][E]>> & keyof Specs<P['events'][E]>]: ValueOf<Specs<P['events'][E]>[K]> } & {
    [K in Exclude<keyof Specs<P['events'][E]>, RequiredKeys<Specs<P['events'][E]>>>]?: ValueOf<Specs<P['events'][E]>[K]>;
  } & (P['events'][E] extends { additionalProperties: true } ? JsonObject : {})
>;

/** `true` when event `E` has a required property (its properties argument is then required too). */
export type HasRequiredProperties<P extends TrackingPlan, E extends PlannedEventName<P>> = [RequiredKeys<Specs<P['events'][E]>>] extends [never]
  ? false
  : true;
