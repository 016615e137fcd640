import { describe, expect, it } from 'vitest';
import { CONFIG_KEY, syncConfig, type CachedConfig } from './config-sync.js';
import { memoryKeyValue, scriptedHttp } from './fake-host.js';

const deps = (route: Parameters<typeof scriptedHttp>[0]) => {
  const kv = memoryKeyValue();
  const httpGet = scriptedHttp(route);
  return { kv, httpGet, apiHost: 'http://c.test', writeKey: 'wk 1', now: () => 5000 };
};

const cached: CachedConfig = { config: { checklists: [] }, version: 3, etag: '"cfg-3"', checkedAtMs: 1 };

describe('syncConfig', () => {
  it('fetches the config with the write key and caches it with its ETag', async () => {
    const d = deps(() => ({ status: 200, etag: '"cfg-4"', body: { version: 4, config: { nudges: [{ id: 'n' }] } } }));
    const out = await syncConfig(d, undefined);
    expect(out).toEqual({ config: { nudges: [{ id: 'n' }] }, version: 4, etag: '"cfg-4"', checkedAtMs: 5000 });
    expect(d.kv.data.get(CONFIG_KEY)).toEqual(out);
    const req = d.httpGet.requests[0]!;
    expect(req.url.pathname).toBe('/v1/config');
    expect(req.url.searchParams.get('writeKey')).toBe('wk 1');
    expect(req.headers['if-none-match']).toBeUndefined();
  });

  it('revalidates with If-None-Match and keeps the cached copy on 304', async () => {
    const d = deps(() => ({ status: 304 }));
    const out = await syncConfig(d, cached);
    expect(d.httpGet.requests[0]!.headers['if-none-match']).toBe('"cfg-3"');
    expect(out).toEqual({ ...cached, checkedAtMs: 5000 });
  });

  it.each([
    ['offline', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['a server error', () => ({ status: 503 })],
    ['no config route', () => ({ status: 404 })],
  ])('uses the last cached copy when %s', async (_name, route) => {
    const d = deps(route as Parameters<typeof scriptedHttp>[0]);
    expect(await syncConfig(d, cached)).toBe(cached);
    expect(await syncConfig(d, undefined)).toBeUndefined();
  });
});
