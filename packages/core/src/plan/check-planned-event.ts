/** The run-time half of the tracking plan: what is wrong with one event under a plan (pure, shared). */
import { WAYMARK_EVENTS } from '../facts/reduce-facts.js';
import type { PropertySpec, TrackingPlan } from './tracking-plan.js';

/** Events the SDK tracks by itself: never checked against an app's plan. */
export const SDK_EVENT_NAMES: ReadonlySet<string> = new Set(['session_start', 'Nudge Held Out', ...Object.values(WAYMARK_EVENTS)]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeIssue(spec: PropertySpec, value: unknown): string | undefined {
  const ok =
    spec.type === 'string' ? typeof value === 'string'
    : spec.type === 'number' ? typeof value === 'number' && Number.isFinite(value)
    : spec.type === 'integer' ? Number.isInteger(value)
    : spec.type === 'boolean' ? typeof value === 'boolean'
    : spec.type === 'object' ? isObject(value)
    : Array.isArray(value);
  if (!ok) return `must be ${spec.type === 'integer' || spec.type === 'array' || spec.type === 'object' ? `an ${spec.type}` : `a ${spec.type}`}`;
  if (spec.values && !spec.values.includes(value as string | number)) return `must be one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return undefined;
}

/**
 * The plan violations of one event, each a reason (`'property "plan" must be one of "free", "pro"'`); empty when it
 * conforms. Only `track` events are checked, and not the SDK's own (`SDK_EVENT_NAMES`).
 */
export function checkPlannedEvent(plan: TrackingPlan, event: { type: string; event?: unknown; properties?: unknown }): string[] {
  if (event.type !== 'track' || typeof event.event !== 'string' || SDK_EVENT_NAMES.has(event.event)) return [];
  const spec = Object.prototype.hasOwnProperty.call(plan.events, event.event) ? plan.events[event.event] : undefined;
  if (!spec) return plan.allowUnplannedEvents ? [] : [`event "${event.event}" is not in the tracking plan`];
  const properties = isObject(event.properties) ? event.properties : {};
  const specs = spec.properties ?? {};
  const issues: string[] = [];
  for (const name of Object.keys(specs)) {
    const s = specs[name]!;
    const value = properties[name];
    if (value === undefined || value === null) {
      if (s.required) issues.push(`property "${name}" is required`);
      continue;
    }
    const issue = typeIssue(s, value);
    if (issue) issues.push(`property "${name}" ${issue}`);
  }
  if (!spec.additionalProperties) {
    for (const name of Object.keys(properties)) if (!Object.prototype.hasOwnProperty.call(specs, name)) issues.push(`property "${name}" is not in the tracking plan`);
  }
  return issues;
}
