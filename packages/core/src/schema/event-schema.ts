/** zod schema of one wire event (DESIGN.md §2), a superset of the Segment spec. */
import { z } from 'zod';
import { LIMITS } from '../wire.js';
import { checkJson } from './json-guard.js';

// C0 controls, DEL and C1 controls: never valid in identifiers or event names.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * A UTF-16 surrogate without its pair: not Unicode text. SQLite would store it as invalid UTF-8 (read back as
 * U+FFFD×3, unlike the payload), and HMAC input encodes it as U+FFFD, so `userHash` of "x\uD800" would equal
 * that of "x\uDFFF". Never valid in identifiers or event names.
 */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Earliest and latest instants accepted in any event time field (plausibility, not skew policy). */
export const MIN_EVENT_TIME_MS = Date.UTC(2000, 0, 1);
export const MAX_EVENT_TIME_MS = Date.UTC(2100, 0, 1);

/** An ISO-8601 date-time with a zone, between 2000 and 2100. */
export const isoTimeSchema = z
  .string()
  .max(40)
  .refine((s) => ISO_DATE.test(s), 'must be an ISO-8601 date-time with a time zone')
  .refine((s) => {
    const ms = Date.parse(s);
    return Number.isFinite(ms) && ms >= MIN_EVENT_TIME_MS && ms < MAX_EVENT_TIME_MS;
  }, 'time out of range (2000-2100)');

const name = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `longer than ${max} characters`)
    .refine((s) => !CONTROL_CHARS.test(s), 'contains control characters')
    .refine((s) => !LONE_SURROGATE.test(s), 'contains a lone surrogate (not valid Unicode)');

/** A JSON object (not array) whose nesting and keys pass the JSON guard; the reason names the offending path. */
export const jsonObjectSchema = z.custom<Record<string, unknown>>().superRefine((v, ctx) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
    return;
  }
  const issue = checkJson(v, LIMITS.maxDepth);
  if (issue) ctx.addIssue({ code: 'custom', message: `${issue.path}: ${issue.message}` });
});

export const eventTypeSchema = z.enum(['track', 'page', 'screen', 'identify', 'group', 'alias']);

/**
 * One event. Unknown top-level fields (Segment's `integrations`, `_metadata`, ...) are kept.
 * `messageId` and `timestamp` are optional as in Segment's HTTP API: the collector fills them.
 */
export const wireEventSchema = z
  .looseObject({
    type: eventTypeSchema,
    messageId: name(LIMITS.maxMessageIdLength).optional(),
    anonymousId: name(LIMITS.maxIdLength).nullish(),
    userId: name(LIMITS.maxIdLength).nullish(),
    event: name(LIMITS.maxNameLength).nullish(),
    name: name(LIMITS.maxNameLength).nullish(),
    groupId: name(LIMITS.maxIdLength).nullish(),
    previousId: name(LIMITS.maxIdLength).nullish(),
    properties: jsonObjectSchema.nullish(),
    traits: jsonObjectSchema.nullish(),
    context: jsonObjectSchema.nullish(),
    timestamp: isoTimeSchema.nullish(),
    sentAt: isoTimeSchema.nullish(),
    originalTimestamp: isoTimeSchema.nullish(),
  })
  .superRefine((e, ctx) => {
    if (!e.userId && !e.anonymousId) ctx.addIssue({ code: 'custom', message: 'userId or anonymousId is required', path: ['userId'] });
    if (e.type === 'track' && !e.event) ctx.addIssue({ code: 'custom', message: 'track needs an event name', path: ['event'] });
    if (e.type === 'group' && !e.groupId) ctx.addIssue({ code: 'custom', message: 'group needs a groupId', path: ['groupId'] });
    if (e.type === 'alias' && (!e.previousId || !e.userId)) {
      ctx.addIssue({ code: 'custom', message: 'alias needs previousId and userId', path: ['previousId'] });
    }
  });

export type ParsedWireEvent = z.infer<typeof wireEventSchema>;
