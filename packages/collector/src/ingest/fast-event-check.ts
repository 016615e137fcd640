/**
 * A fast pre-check of one event against core's `wireEventSchema` (and the top-level guard of `prepareEvent`):
 * plain loops, no allocation, no error paths. It answers `true` only when the schema would accept the event
 * unchanged; anything else (`false`) goes through zod, which then produces the detailed reason. So the
 * reasons stay zod's, and the hot path of a valid batch never builds zod's issue machinery.
 *
 * Mirrors `packages/core/src/schema/event-schema.ts` and `json-guard.ts` rule by rule (a property test
 * checks that `true` always means zod accepts).
 */
import { LIMITS } from '@waymark/core';
import { FORBIDDEN_KEYS, MAX_EVENT_TIME_MS, MIN_EVENT_TIME_MS } from '@waymark/core/schema';

const TYPES: ReadonlySet<unknown> = new Set(['track', 'page', 'screen', 'identify', 'group', 'alias']);
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const SCHEMA_OBJECTS: ReadonlySet<string> = new Set(['properties', 'traits', 'context']);

const nameOk = (v: unknown, max: number): boolean => typeof v === 'string' && v.length >= 1 && v.length <= max && !CONTROL_CHARS.test(v);
const nullishNameOk = (v: unknown, max: number): boolean => v === undefined || v === null || nameOk(v, max);

function timeOk(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v !== 'string' || v.length > 40 || !ISO_DATE.test(v)) return false;
  const ms = Date.parse(v);
  return Number.isFinite(ms) && ms >= MIN_EVENT_TIME_MS && ms < MAX_EVENT_TIME_MS;
}

/** True when `checkJson(value, maxDepth)` would find no issue (same rules, no paths). */
export function isSafeJson(value: unknown, maxDepth: number, depth = 0): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (depth + 1 > maxDepth) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isSafeJson(value[i], maxDepth, depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  // Own enumerable keys, as Object.keys (an own "__proto__" key made by JSON.parse included).
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (FORBIDDEN_KEYS.has(key) || !isSafeJson((value as Record<string, unknown>)[key], maxDepth, depth + 1)) return false;
  }
  return true;
}

const objectOk = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v) && isSafeJson(v, LIMITS.maxDepth));

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
  for (const key of Object.keys(obj)) {
    if (SCHEMA_OBJECTS.has(key)) {
      if (!objectOk(obj[key])) return false;
    } else if (FORBIDDEN_KEYS.has(key)) return false;
    else if (typeof obj[key] === 'object' && obj[key] !== null && !isSafeJson(obj[key], LIMITS.maxDepth)) return false;
  }
  return true;
}
