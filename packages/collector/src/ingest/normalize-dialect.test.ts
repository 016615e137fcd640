import { describe, expect, it } from 'vitest';
import { normalizeDialect } from './normalize-dialect.js';

const run = (event: Record<string, unknown>) => {
  const copy = structuredClone(event);
  normalizeDialect(copy);
  return copy;
};

describe('normalizeDialect', () => {
  it.each([
    ['drops the write key analytics-next puts on each event of a batch', { type: 'track', writeKey: 'wk', anonymousId: 'a' }, { type: 'track', anonymousId: 'a' }],
    ['drops RudderStack\'s empty userId before identify', { type: 'track', userId: '', anonymousId: 'a' }, { type: 'track', anonymousId: 'a' }],
    ['drops an empty anonymousId', { type: 'track', userId: 'u', anonymousId: '' }, { type: 'track', userId: 'u' }],
    ['takes originalTimestamp as the device time when there is no timestamp',
      { type: 'page', anonymousId: 'a', originalTimestamp: '2026-11-25T10:00:00.000Z' },
      { type: 'page', anonymousId: 'a', originalTimestamp: '2026-11-25T10:00:00.000Z', timestamp: '2026-11-25T10:00:00.000Z' }],
    ['keeps a timestamp that is there', { type: 'page', anonymousId: 'a', timestamp: 'T1', originalTimestamp: 'T0' }, { type: 'page', anonymousId: 'a', timestamp: 'T1', originalTimestamp: 'T0' }],
    ['writes a numeric sessionId as its decimal string', { type: 'track', context: { sessionId: 1796569511694 } }, { type: 'track', context: { sessionId: '1796569511694' } }],
    ['moves identify traits from context.traits when there are none',
      { type: 'identify', userId: 'u', context: { traits: { plan: 'pro' } } },
      { type: 'identify', userId: 'u', traits: { plan: 'pro' }, context: { traits: { plan: 'pro' } } }],
    ['leaves top-level identify traits alone', { type: 'identify', traits: { a: 1 }, context: { traits: { b: 2 } } }, { type: 'identify', traits: { a: 1 }, context: { traits: { b: 2 } } }],
    ['does not copy context.traits onto a track', { type: 'track', context: { traits: { b: 2 } } }, { type: 'track', context: { traits: { b: 2 } } }],
    ['leaves a Segment event unchanged', { type: 'track', event: 'E', userId: null, anonymousId: 'a', timestamp: 'T', context: { sessionId: 's' } },
      { type: 'track', event: 'E', userId: null, anonymousId: 'a', timestamp: 'T', context: { sessionId: 's' } }],
    ['ignores a context that is not an object (validation rejects it later)', { type: 'track', context: [1] }, { type: 'track', context: [1] }],
  ])('%s', (_label, input, expected) => {
    expect(run(input)).toEqual(expected);
  });
});
