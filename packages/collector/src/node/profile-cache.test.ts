import { describe, expect, it } from 'vitest';
import { createProfileCache, type CachedProfile } from './profile-cache.js';

const row = (chars: number, version = 1): CachedProfile => ({ facts: {}, json: 'x'.repeat(chars), version, updatedAtMs: 0 });

describe('profile cache', () => {
  it('keeps rows per project and key, and forgets deleted ones', () => {
    const cache = createProfileCache(1000);
    const a = row(10);
    cache.set('p1', 'u:ann', a);
    expect(cache.get('p1', 'u:ann')).toBe(a);
    expect(cache.get('p2', 'u:ann')).toBeUndefined();
    cache.delete('p1', 'u:ann');
    expect(cache.get('p1', 'u:ann')).toBeUndefined();
  });

  it('stays within its budget, keeping the rows that reads used over the ones nobody read', () => {
    const cache = createProfileCache(100);
    for (let i = 0; i < 4; i++) cache.set('p', `u:${i}`, row(25));
    // Over budget with nothing read yet: the oldest row goes, and every flag is cleared on the way.
    cache.set('p', 'u:4', row(25));
    expect(cache.get('p', 'u:0')).toBeUndefined();
    // From now on a reader keeps using u:1 and u:3: they survive while unread rows make room for new ones.
    for (const key of ['u:1', 'u:3']) expect(cache.get('p', key)).toBeDefined();
    for (let i = 5; i < 8; i++) {
      cache.set('p', `u:${i}`, row(25));
      for (const key of ['u:1', 'u:3']) expect(cache.get('p', key), `after u:${i}`).toBeDefined();
    }
    const kept = Array.from({ length: 8 }, (_, i) => `u:${i}`).filter((k) => cache.get('p', k));
    expect(kept).toEqual(['u:1', 'u:3', 'u:6', 'u:7']);
  });

  it('replaces a row without counting it twice, and never caches a row larger than the budget', () => {
    const cache = createProfileCache(100);
    for (let v = 1; v <= 10; v++) cache.set('p', 'u:same', row(60, v));
    cache.set('p', 'u:other', row(40));
    expect(cache.get('p', 'u:same')?.version).toBe(10);
    expect(cache.get('p', 'u:other')).toBeDefined();
    cache.set('p', 'u:huge', row(101));
    expect(cache.get('p', 'u:huge')).toBeUndefined();
  });

  it('refreshes the rows it holds and leaves other keys out', () => {
    const cache = createProfileCache(100);
    cache.set('p', 'u:read', row(10, 1));
    cache.refresh('p', 'u:read', row(20, 2));
    cache.refresh('p', 'u:unread', row(10, 1));
    expect(cache.get('p', 'u:read')?.version).toBe(2);
    expect(cache.get('p', 'u:unread')).toBeUndefined();
    // The refreshed size counts against the budget: 90 more characters take it over, and the row goes.
    cache.set('p', 'u:other', row(80));
    cache.refresh('p', 'u:other', row(90));
    expect([cache.get('p', 'u:read'), cache.get('p', 'u:other')].filter(Boolean)).toHaveLength(1);
  });

  it('empties itself when another connection committed (PRAGMA data_version changed)', () => {
    const cache = createProfileCache(1000);
    expect(cache.sync(5)).toBe(false);
    cache.set('p', 'u:a', row(10));
    expect(cache.sync(5)).toBe(false);
    expect(cache.get('p', 'u:a')).toBeDefined();
    expect(cache.sync(6)).toBe(true);
    expect(cache.get('p', 'u:a')).toBeUndefined();
  });
});
