import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, basic, createFixture, SECRET_KEY, WRITE_KEY, type Fixture } from '../app.fixture.js';

const config = {
  status: { newDays: 3 },
  checklists: [{ id: 'setup', steps: [{ id: 'project', event: 'Project Created' }] }],
  nudges: [{ id: 'invite', priority: 2, maxShows: 3, holdout: 0.1, content: { title: 'Invite' } }],
  segments: { builders: { event: 'Project Created' } },
};

describe.each(ADAPTERS)('GET /v1/config (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it('serves an empty config at version 0 before any is stored', async () => {
    f = await createFixture(adapter);
    const res = await f.get('/v1/config');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"cfg-0"');
    expect(await res.json()).toEqual({ version: 0, config: {} });
  });

  it('serves the stored config with the write key in the query string, and 304 while unchanged', async () => {
    f = await createFixture(adapter);
    expect((await f.admin('PUT', '/v1/admin/config', SECRET_KEY, config)).status).toBe(200);
    const res = await f.app.request(`/v1/config?writeKey=${WRITE_KEY}`, { headers: { origin: 'https://app.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    const etag = res.headers.get('etag')!;
    expect(await res.json()).toEqual({ version: 1, config });
    expect((await f.get('/v1/config', { 'if-none-match': etag })).status).toBe(304);

    await f.admin('PUT', '/v1/admin/config', SECRET_KEY, { ...config, status: { newDays: 5 } });
    const changed = await f.get('/v1/config', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"cfg-2"');
  });

  it.each([
    ['no key', {}, 401],
    ['the secret key', { authorization: basic(SECRET_KEY) }, 403],
    ['an unknown key', { authorization: basic('wk_nope') }, 401],
  ])('refuses %s', async (_n, headers, status) => {
    f = await createFixture(adapter);
    const res = await f.app.request('/v1/config', { headers });
    expect(res.status).toBe(status);
  });

  it('refuses an origin outside the project allow-list', async () => {
    f = await createFixture(adapter);
    const res = await f.get('/v1/config', { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });
});
