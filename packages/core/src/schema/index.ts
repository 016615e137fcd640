// zod schemas for the collector; never imported by the SDK.
export { batchEnvelopeSchema } from './batch-schema.js';
export type { BatchEnvelope } from './batch-schema.js';
export {
  eventTypeSchema,
  isoTimeSchema,
  jsonObjectSchema,
  LONE_SURROGATE,
  MAX_EVENT_TIME_MS,
  MIN_EVENT_TIME_MS,
  wireEventSchema,
} from './event-schema.js';
export type { ParsedWireEvent } from './event-schema.js';
export { issueReason } from './issue-reason.js';
export { checkJson, FORBIDDEN_KEYS, isForbiddenKey } from './json-guard.js';
export type { JsonGuardIssue } from './json-guard.js';
export { checklistSchema, MAX_PREDICATE_DEPTH, nudgeSchema, predicateSchema, projectConfigSchema, rateLimitSchema, statusRulesSchema, statusSchema, valueConditionSchema } from './config.js';
export { trackingPlanSchema } from './tracking-plan-schema.js';
