import { afterEach, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../app.fixture.js';

/*
 * app.ts gives CORS to the browser-facing routes in two ways (middleware for preflights, POSTs and GET /v1/config;
 * GET /v1/status on its own). This guard walks every route the app registers, so a new /v1 route cannot be
 * added without a browser being able to read its answers.
 */
describe('CORS on every browser-facing route', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it('answers an allowed origin with CORS headers on every non-admin /v1 (and /beacon/v1) route, and never on admin routes', async () => {
    f = await createFixture('memory');
    const routes = [...new Set(f.app.routes.filter((r) => (r.path.startsWith('/v1/') || r.path.startsWith('/beacon/v1/')) && r.method !== 'ALL' && r.method !== 'OPTIONS').map((r) => `${r.method} ${r.path}`))];
    expect(routes.length).toBeGreaterThan(8);
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      const path = pattern.replace(/:[^/]+/g, 'x');
      const res = await f.app.request(path, { method, headers: { origin: 'https://app.example', authorization: `Basic ${btoa('wk_test:')}`, 'content-type': 'application/json' },
        ...(method === 'GET' ? {} : { body: '{}' }) });
      const allowOrigin = res.headers.get('access-control-allow-origin');
      if (path.startsWith('/v1/admin/')) expect(allowOrigin, route).toBeNull();
      else {
        expect(allowOrigin, route).toBe('https://app.example');
        expect(res.headers.get('access-control-expose-headers'), route).toMatch(/ETag/);
        expect(res.headers.get('vary'), route).toMatch(/Origin/);
      }
    }
  });

  it('answers preflights for any non-admin /v1 path from an allowed origin, and refuses other origins', async () => {
    f = await createFixture('memory');
    for (const path of ['/v1/batch', '/v1/status', '/v1/config', '/v1/track']) {
      const ok = await f.app.request(path, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
      expect(ok.status, path).toBe(204);
      expect(ok.headers.get('access-control-allow-origin'), path).toBe('https://app.example');
      expect(ok.headers.get('access-control-allow-methods'), path).toMatch(/POST/);
      const evil = await f.app.request(path, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(evil.status, path).toBe(403);
      expect(evil.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });
});
