/** zod schema of a tracking plan (`ProjectConfig.plan`): the collector validates it when the config is written. */
import { z } from 'zod';
import type { TrackingPlan } from '../plan/tracking-plan.js';

const name = z.string().min(1).max(200);

const propertySpecSchema = z
  .strictObject({
    type: z.enum(['string', 'number', 'integer', 'boolean', 'object', 'array']),
    required: z.boolean().optional(),
    values: z.array(z.union([z.string(), z.number()])).min(1).max(500).optional(),
    description: z.string().max(1000).optional(),
  })
  .refine((s) => !s.values || s.values.every((v) => (s.type === 'string' ? typeof v === 'string' : s.type === 'number' || s.type === 'integer' ? typeof v === 'number' : false)), {
    message: 'values must match the property type (strings for string, numbers for number or integer)',
  });

const eventSpecSchema = z.strictObject({
  properties: z.record(name, propertySpecSchema).optional(),
  additionalProperties: z.boolean().optional(),
  description: z.string().max(1000).optional(),
});

export const trackingPlanSchema: z.ZodType<TrackingPlan> = z.strictObject({
  events: z.record(name, eventSpecSchema).refine((events) => Object.keys(events).length <= 2000, 'at most 2000 planned events'),
  allowUnplannedEvents: z.boolean().optional(),
  onViolation: z.enum(['reject', 'flag']).optional(),
});
