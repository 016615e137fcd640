import fc from 'fast-check';
import { batchEnvelopeSchema, checkJson, wireEventSchema } from '@waymark/core/schema';
import { describe, expect, it } from 'vitest';
import { passesFastCheck, passesFastEnvelopeCheck } from './fast-event-check.js';
import { prepareEvent } from './prepare-event.js';

const NOW = Date.UTC(2026, 10, 25, 12);
const ctx = { receivedAtMs: NOW, maxPastMs: 365 * 86_400_000, maxFutureMs: 86_400_000 };
const str = fc.oneof(fc.constantFrom('', 'a', 'u1', 'Order Completed', 'x'.repeat(201), 'bad\u0000', 'tab\u0085', '__proto__', 'x\ud800', '\udc00y', '\udbff\udfff', '😀'), fc.string({ maxLength: 8 }));
const time = fc.oneof(
  fc.integer({ min: Date.UTC(1999, 0, 1), max: Date.UTC(2101, 0, 1) }).map((ms) => new Date(ms).toISOString()),
  fc.constantFrom('2026-11-25T12:00:00+01:00', '2026-11-25T12:00Z', '2026-11-25 12:00:00', 'yesterday', '2026-11-25T12:00:00.1234567890Z'),
);
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(JSON.parse('{"__proto__":{"a":1}}'), { constructor: 1 }, { a: { prototype: {} } }, JSON.parse('{"a":'.repeat(11) + '1' + '}'.repeat(11)), [1, [2]], 'ctx'),
);
/** Events near the schema's edges: every field optional, null or of a wrong kind. */
const event = fc.record(
  {
    type: fc.constantFrom('track', 'page', 'screen', 'identify', 'group', 'alias', 'purchase', 7),
    messageId: fc.oneof(str, fc.constant(null), fc.constant('m'.repeat(101))),
    userId: fc.oneof(str, fc.constant(null), fc.constant(42)),
    anonymousId: fc.oneof(str, fc.constant(null)),
    event: fc.oneof(str, fc.constant(null)),
    name: str,
    groupId: str,
    previousId: str,
    properties: fc.oneof(json, fc.constant(null)),
    traits: json,
    context: json,
    timestamp: fc.oneof(time, fc.constant(null)),
    sentAt: time,
    originalTimestamp: time,
    integrations: json,
    constructor: fc.constant(1),
  },
  { requiredKeys: [] },
);

describe('passesFastCheck', () => {
  it('says yes only to events the guard and zod accept, and to the valid events zod accepts', () => {
    fc.assert(
      fc.property(event, (raw) => {
        const e = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
        const zodOk = wireEventSchema.safeParse(e).success;
        const guardOk = Object.keys(e).every((k) => ['properties', 'traits', 'context'].includes(k) || (!['__proto__', 'constructor', 'prototype'].includes(k) && checkJson(e[k], 10) === null));
        expect(passesFastCheck(e)).toBe(zodOk && guardOk);
      }),
      { numRuns: 3000 },
    );
  }, 30_000); // a heavy property run: generous for a loaded 2-core machine

  it('leaves the rejection reasons to zod', () => {
    const r = prepareEvent({ type: 'track', anonymousId: 'a', messageId: 'm', timestamp: new Date(NOW).toISOString() }, ctx);
    expect(r).toEqual({ ok: false, messageId: 'm', reason: 'event: track needs an event name' });
  });
});

describe('passesFastEnvelopeCheck', () => {
  const envelope = fc.record(
    {
      batch: fc.oneof(fc.array(fc.anything(), { maxLength: 3 }), fc.constant(Array(501).fill({})), fc.constant(Array(500).fill(1)), json),
      sentAt: fc.oneof(time, fc.constant(null), fc.constant(5)),
      writeKey: fc.oneof(str, fc.constant(null), fc.constant(7), fc.constant('k'.repeat(201))),
      context: json,
      extra: json,
    },
    { requiredKeys: [] },
  );
  it('says yes exactly when core\'s batchEnvelopeSchema accepts the body object', () => {
    fc.assert(
      fc.property(envelope, (raw) => {
        const e = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
        expect(passesFastEnvelopeCheck(e)).toBe(batchEnvelopeSchema.safeParse(e).success);
      }),
      { numRuns: 3000 },
    );
  }, 30_000); // a heavy property run: generous for a loaded 2-core machine
});
