/**
 * A fast pre-check of one event against core's `wireEventSchema` (and the top-level guard of `prepareEvent`):
 * plain loops and core's allocation-free `checkJson`, no error paths. It answers `true` only when the schema would accept the event
 * unchanged; anything else (`false`) goes through zod, which then produces the detailed reason. So the
 * reasons stay zod's, and the hot path of a valid batch never builds zod's issue machinery.
 *
 * Mirrors `packages/core/src/schema/event-schema.ts` rule by rule (a property test
 * checks that `true` always means zod accepts).
 */
import { LIMITS } from '@waymark/core';
import { checkJson, isForbiddenKey, LONE_SURROGATE, MAX_EVENT_TIME_MS, MIN_EVENT_TIME_MS } from '@waymark/core/schema';
import { canonicalIsoMs } from './iso-ms.js';

const TYPES: ReadonlySet<unknown> = new Set(['track', 'page', 'screen', 'identify', 'group', 'alias']);
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const SCHEMA_OBJECTS: ReadonlySet<string> = new Set(['properties', 'traits', 'context']);

const nameOk = (v: unknown, max: number): boolean => typeof v === 'string' && v.length >= 1 && v.length <= max && !CONTROL_CHARS.test(v) && !LONE_SURROGATE.test(v);
const nullishNameOk = (v: unknown, max: number): boolean => v === undefined || v === null || nameOk(v, max);

/** Mirrors core's `isoTimeSchema.nullish()`. */
export function timeOk(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v !== 'string') return false;
  // The canonical form (what clients send) matches ISO_DATE by construction.
  let ms = canonicalIsoMs(v);
  if (ms === undefined) {
    if (v.length > 40 || !ISO_DATE.test(v)) return false;
    ms = Date.parse(v);
  }
  return Number.isFinite(ms) && ms >= MIN_EVENT_TIME_MS && ms < MAX_EVENT_TIME_MS;
}

/**
 * The issue with the top-level fields the schema does not walk (Segment's integrations, _metadata, ...):
 * prototype keys and depth; undefined when there is none. `checkJson` builds a path only on failure, so a
 * valid event costs no allocation here.
 */
export function topLevelIssue(obj: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(obj)) {
    if (SCHEMA_OBJECTS.has(key)) continue;
    if (isForbiddenKey(key)) return `${key}: key "${key}" is not allowed`;
    const value = obj[key];
    if (typeof value !== 'object' || value === null) continue;
    const issue = checkJson(value, LIMITS.maxDepth, key);
    if (issue) return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
  }
  return undefined;
}

const objectOk = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v) && checkJson(v, LIMITS.maxDepth) === null);

/** True only when core's `batchEnvelopeSchema` accepts `obj` (an object), so routes can skip zod for it. */
export function passesFastEnvelopeCheck(obj: Record<string, unknown>): boolean {
  const { batch, writeKey } = obj;
  return Array.isArray(batch) && batch.length <= LIMITS.maxBatchLength && timeOk(obj.sentAt)
    && (writeKey === undefined || writeKey === null || (typeof writeKey === 'string' && writeKey.length <= LIMITS.maxIdLength));
}

/** True only when `prepareEvent`'s guard and `wireEventSchema` both accept `obj` as it is. */
export function passesFastCheck(obj: Record<string, unknown>): boolean {
  const { type, userId, anonymousId, event, groupId, previousId } = obj;
  if (!TYPES.has(type)) return false;
  if (obj.messageId !== undefined && !nameOk(obj.messageId, LIMITS.maxMessageIdLength)) return false;
  if (!nullishNameOk(anonymousId, LIMITS.maxIdLength) || !nullishNameOk(userId, LIMITS.maxIdLength)) return false;
  if (!nullishNameOk(event, LIMITS.maxNameLength) || !nullishNameOk(obj.name, LIMITS.maxNameLength)) return false;
  if (!nullishNameOk(groupId, LIMITS.maxIdLength) || !nullishNameOk(previousId, LIMITS.maxIdLength)) return false;
  if (!timeOk(obj.timestamp) || !timeOk(obj.sentAt) || !timeOk(obj.originalTimestamp)) return false;
  if (!userId && !anonymousId) return false;
  if (type === 'track' && !event) return false;
  if (type === 'group' && !groupId) return false;
  if (type === 'alias' && (!previousId || !userId)) return false;
  for (const key of SCHEMA_OBJECTS) if (!objectOk(obj[key])) return false;
  return topLevelIssue(obj) === undefined;
}
