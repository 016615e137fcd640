import { describe, expect, it } from 'vitest';
import { issueReason } from './issue-reason.js';
import { wireEventSchema } from './event-schema.js';
import { checkJson } from './json-guard.js';

const base = { type: 'track', event: 'Signed Up', messageId: 'm1', anonymousId: 'a1', timestamp: '2026-11-25T10:00:00.000Z' };

function nest(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('wireEventSchema', () => {
  it.each([
    ['a Segment track event', base],
    ['unknown top-level fields (integrations, _metadata)', { ...base, integrations: {}, _metadata: { nodeVersion: '20' } }],
    ['an identify with traits and only a userId', { type: 'identify', userId: 'u1', traits: { plan: 'pro' }, messageId: 'm' }],
    ['a page with no name and null ids', { type: 'page', anonymousId: 'a', userId: null, messageId: 'm' }],
    ['a timestamp with an offset', { ...base, timestamp: '2026-11-25T10:00:00+02:00' }],
    ['properties nested 9 levels', { ...base, properties: nest(9) }],
    ['surrogate pairs (emoji) in ids and names, lone surrogates in property values', { ...base, userId: '😀', event: 'Liked 👍', properties: { raw: 'x\ud800' } }],
  ])('accepts %s', (_label, event) => {
    expect(wireEventSchema.safeParse(event).success).toBe(true);
  });

  it.each([
    ['no ids', { ...base, anonymousId: undefined }, 'userId'],
    ['a track with no event name', { ...base, event: undefined }, 'event'],
    ['an alias without previousId', { type: 'alias', userId: 'u', messageId: 'm' }, 'previousId'],
    ['a group without groupId', { type: 'group', userId: 'u', messageId: 'm' }, 'groupId'],
    ['an unknown type', { ...base, type: 'hack' }, 'type'],
    ['control characters in the event name', { ...base, event: 'a\u0000b' }, 'control'],
    ['a newline in the user id', { ...base, userId: 'u\n1' }, 'control'],
    ['a lone high surrogate in the user id', { ...base, userId: 'x\ud800' }, 'lone surrogate'],
    ['a lone low surrogate in the event name', { ...base, event: '\udc00x' }, 'lone surrogate'],
    ['reversed surrogates in the anonymous id', { ...base, anonymousId: '\udc00\ud800' }, 'lone surrogate'],
    ['a messageId over 100 chars', { ...base, messageId: 'x'.repeat(101) }, 'messageId'],
    ['a timestamp that is not ISO', { ...base, timestamp: 'yesterday' }, 'ISO'],
    ['a timestamp in 1970', { ...base, timestamp: '1970-01-01T00:00:00Z' }, 'range'],
    ['a timestamp in 2200', { ...base, timestamp: '2200-01-01T00:00:00Z' }, 'range'],
    ['properties that are an array', { ...base, properties: [1, 2] }, 'properties'],
    ['properties nested too deep', { ...base, properties: nest(11) }, 'properties'],
    ['a __proto__ key', { ...base, properties: JSON.parse('{"a":{"__proto__":{"x":1}}}') }, 'properties'],
    ['a constructor key in traits', { ...base, traits: { constructor: 1 } }, 'traits'],
  ])('rejects %s with a reason', (_label, event, fragment) => {
    const result = wireEventSchema.safeParse(event);
    expect(result.success).toBe(false);
    if (!result.success) expect(issueReason(result.error)).toContain(fragment);
  });
});

describe('checkJson', () => {
  it('names the path of a forbidden key', () => {
    expect(checkJson(JSON.parse('{"a":[{"prototype":1}]}'), 10)).toEqual({ path: 'a[0].prototype', message: 'key "prototype" is not allowed' });
  });
  it('prefixes the path given by the caller and names array indexes, nested arrays included', () => {
    expect(checkJson({ a: { b: [1, [Number.NaN]] } }, 10, 'properties')).toEqual({ path: 'properties.a.b[1][0]', message: 'number must be finite' });
    expect(checkJson([[1], { x: 1n }], 10)).toEqual({ path: '[1].x', message: 'bigint is not a JSON value' });
  });
  it('rejects non-JSON values such as functions and class instances', () => {
    expect(checkJson({ f: () => 1 }, 10)?.path).toBe('f');
    expect(checkJson({ d: new Date() }, 10)?.message).toBe('not a plain object');
  });
});
