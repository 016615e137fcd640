/** zod schemas of the rule configuration (status rules, predicates, checklists, nudges); the collector validates admin input with them. */
import { z } from 'zod';
import type { ProjectConfig } from '../config/project-config.js';
import type { Predicate } from '../segment/match-segment.js';
import type { ValueCondition } from '../segment/match-value.js';
import { trackingPlanSchema } from './tracking-plan-schema.js';

const id = z.string().min(1).max(200);
const count = z.number().int().min(0);
const duration = z.number().int().positive();
const time = z.union([z.number().int().positive(), z.iso.datetime({ offset: true })]);
const bounds = { atLeast: z.number().optional(), atMost: z.number().optional() };

const conditionShape = {
  eq: z.json().optional(),
  neq: z.json().optional(),
  in: z.array(z.json()).max(100).optional(),
  gt: z.union([z.number(), z.string()]).optional(),
  lt: z.union([z.number(), z.string()]).optional(),
  exists: z.boolean().optional(),
};
export const valueConditionSchema: z.ZodType<ValueCondition> = z.strictObject(conditionShape);

/** Maximum nesting of `all` / `any` / `not`. */
export const MAX_PREDICATE_DEPTH = 8;

/** Whether `all`/`any`/`not` nest deeper than the maximum (iterative, so hostile input cannot overflow the stack). */
function tooDeep(root: unknown): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [p, d] = stack.pop()!;
    if (typeof p != 'object' || p === null) continue;
    const q = p as { all?: unknown; any?: unknown; not?: unknown };
    const kids = [q.all, q.any].find(Array.isArray) ?? (q.not ? [q.not] : []);
    if (kids.length && d >= MAX_PREDICATE_DEPTH) return true;
    for (const k of kids) stack.push([k, d + 1]);
  }
  return false;
}

const predicateUnion: z.ZodType<Predicate> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(predicateUnion).max(50) }),
    z.strictObject({ any: z.array(predicateUnion).max(50) }),
    z.strictObject({ not: predicateUnion }),
    z.strictObject({ status: z.union([statusSchema, z.array(statusSchema).min(1)]) }),
    z.strictObject({ event: id, withinMs: duration.optional(), since: id.optional(), ...bounds }),
    z.strictObject({
      metric: z.enum(['sessions', 'events', 'purchases', 'revenue', 'activeDays', 'daysSinceFirstSeen', 'daysSinceActive']),
      withinMs: duration.optional(),
      ...bounds,
    }),
    z.strictObject({ checklist: id, step: id.optional(), done: z.boolean().optional(), ...bounds }),
    z.strictObject({ trait: id, ...conditionShape }),
    z.strictObject({ segment: id }),
  ]),
);

export const statusSchema = z.enum(['new', 'active', 'loyal', 'dormant', 'churned', 'resurrected']);

/** A segment predicate (see core-readme "Predicate language"), nested at most `MAX_PREDICATE_DEPTH` deep. */
export const predicateSchema: z.ZodType<Predicate> = z
  .unknown()
  .refine((p) => !tooDeep(p), { message: `nested deeper than ${MAX_PREDICATE_DEPTH}`, abort: true })
  .pipe(predicateUnion);

export const statusRulesSchema = z.strictObject({
  newDays: z.number().positive().optional(),
  dormantDays: z.number().positive().optional(),
  churnedDays: z.number().positive().optional(),
  cadenceMultiple: z.number().positive().optional(),
  cadenceMinActiveDays: z.number().int().min(2).optional(),
  cadenceMinSilenceDays: z.number().min(0).optional(),
  loyalMinActiveDays: z.number().int().positive().optional(),
  loyalWindowDays: z.number().int().positive().optional(),
  resurrectedDays: z.number().positive().optional(),
});

export const checklistStepSchema = z.strictObject({
  id,
  event: id.optional(),
  where: z.record(id, valueConditionSchema).optional(),
  count: z.number().int().min(1).optional(),
  weight: z.number().min(0).optional(),
});

export const checklistSchema = z
  .strictObject({ id, steps: z.array(checklistStepSchema).max(100) })
  .refine((c) => new Set(c.steps.map((s) => s.id)).size == c.steps.length, 'step ids must be unique');

export const nudgeSchema = z.strictObject({
  id,
  segment: predicateSchema.optional(),
  priority: z.number().optional(),
  placement: id.optional(),
  maxShows: count.optional(),
  minIntervalMs: count.optional(),
  startsAt: time.optional(),
  endsAt: time.optional(),
  holdout: z.number().min(0).max(1).optional(),
  rateLimited: z.boolean().optional(),
  content: z.record(z.string(), z.json()).optional(),
});

export const rateLimitSchema = z.strictObject({ maxShows: count, windowMs: duration });

const unique = <T extends { id: string }>(list: T[] | undefined) => !list || new Set(list.map((x) => x.id)).size == list.length;

/** The whole rule configuration of a project (`ProjectConfig`). */
export const projectConfigSchema: z.ZodType<ProjectConfig> = z.strictObject({
  status: statusRulesSchema.optional(),
  checklists: z.array(checklistSchema).max(50).refine(unique, 'checklist ids must be unique').optional(),
  nudges: z.array(nudgeSchema).max(200).refine(unique, 'nudge ids must be unique').optional(),
  rateLimit: rateLimitSchema.nullable().optional(),
  facts: z
    .strictObject({
      events: z.array(id).max(64).optional(),
      purchaseEvents: z.array(id).max(20).optional(),
      revenueProperties: z.array(id).max(10).optional(),
      churnEvents: z.array(id).max(20).optional(),
    })
    .optional(),
  segments: z.record(id, predicateSchema).optional(),
  statusTraits: z.array(id).max(64).optional(),
  analytics: z
    .strictObject({
      timeZone: z.string().min(1).max(64).refine(isTimeZone, 'unknown IANA time zone').optional(),
      personas: z
        .strictObject({
          seed: z.number().int().optional(),
          kMin: z.number().int().min(2).max(12).optional(),
          kMax: z.number().int().min(2).max(12).optional(),
          names: z.record(id, z.string().min(1).max(100)).optional(),
          categories: z.record(id, z.array(id).min(1).max(50)).optional(),
        })
        .optional(),
      rfm: z
        .strictObject({
          frequency: id.optional(),
          monetary: id.optional(),
          recencyFrom: z.enum(['purchase', 'activity']).optional(),
          table: z.enum(['rf', 'rfm']).optional(),
        })
        .optional(),
      churn: z.strictObject({ unit: z.enum(['day', 'week']).optional(), horizon: z.number().positive().max(3650).optional() }).optional(),
    })
    .optional(),
  plan: trackingPlanSchema.optional(),
});

/** Whether `Intl` knows the IANA time zone. */
function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
