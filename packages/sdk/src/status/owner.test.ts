import { describe, expect, it } from 'vitest';
import { eventIdentity, sameOwner } from './owner.js';

describe('sameOwner', () => {
  it.each([
    ['same anonymous visitor', { anonymousId: 'a' }, { anonymousId: 'a' }, true],
    ['anonymous visitor who identifies', { anonymousId: 'a' }, { anonymousId: 'a', userId: 'u' }, true],
    ['same user on a new anonymous id', { anonymousId: 'a', userId: 'u' }, { anonymousId: 'b', userId: 'u' }, true],
    ['another anonymous visitor (reset)', { anonymousId: 'a' }, { anonymousId: 'b' }, false],
    ['another user', { anonymousId: 'a', userId: 'u' }, { anonymousId: 'a', userId: 'v' }, false],
    ['logged out', { anonymousId: 'a', userId: 'u' }, { anonymousId: 'a' }, false],
  ])('%s → %s', (_n, owner, who, expected) => {
    expect(sameOwner(owner, who)).toBe(expected);
  });
});

describe('eventIdentity', () => {
  it('reads the ids of an event', () => {
    expect(eventIdentity({ anonymousId: 'a', userId: 'u' })).toEqual({ anonymousId: 'a', userId: 'u' });
    expect(eventIdentity({})).toBeUndefined();
  });
});
