import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { createProjectConfigCache } from './project-config-cache.js';

describe('project config cache', () => {
  it('peeks only while fresh, keeps the entry while the version is unchanged, and sees a new version', async () => {
    const storage = createMemoryStorage();
    await storage.putProjectConfig('p1', { status: { newDays: 3 } });
    const cache = createProjectConfigCache(storage, 1000);
    expect(cache.peek('p1', 0)).toBeUndefined();
    const first = await cache.get('p1', 0);
    expect(first.config).toEqual({ status: { newDays: 3 } });
    expect(cache.peek('p1', 1000)).toBe(first);
    expect(cache.peek('p1', 1001)).toBeUndefined();
    // Re-read after the TTL: same version, same entry (answers memoised against it stay valid).
    expect(await cache.get('p1', 1001)).toBe(first);
    expect(cache.peek('p1', 2001)).toBe(first);
    await storage.putProjectConfig('p1', { status: { newDays: 5 } });
    expect(await cache.get('p1', 2001)).toBe(first); // still fresh: stale by design for up to the TTL
    cache.invalidate('p1');
    const second = await cache.get('p1', 2001);
    expect(second).not.toBe(first);
    expect(second.config).toEqual({ status: { newDays: 5 } });
    expect(second.version).toBeGreaterThan(first.version);
  });
});
