import type { Facts } from '@waymark/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, createFixture, iso, NOW_MS, track, type Fixture } from '../app.fixture.js';
import { userHash } from '../auth.js';
import { SECRET_KEY } from '../app.fixture.js';

type StatusBody = { userId?: string; facts: Facts };

describe.each(ADAPTERS)('a project on its defaults: the public write key reads no one else\'s profile (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());
  /** The fixture's project, with the storage's own defaults for identity verification. */
  const onDefaults = async () => {
    f = await createFixture(adapter, {}, { identityVerification: undefined });
    await f.post('/v1/batch', { batch: [track('a1', { anonymousId: 'alice-device' })] });
    await f.post('/v1/identify', { messageId: 'i1', anonymousId: 'alice-device', userId: 'alice', traits: { email: 'alice@example.com', name: 'Alice', plan: 'pro' }, timestamp: iso(NOW_MS) });
  };

  it('refuses reads by user id without a valid userHash, and one valid for another user', async () => {
    await onDefaults();
    expect((await f.storage.findProjectByWriteKey('wk_test'))?.identityVerification).toBe(true);
    for (const query of ['userId=alice', 'userId=alice&userHash=', `userId=alice&userHash=${'0'.repeat(64)}`, `userId=alice&userHash=${await userHash(SECRET_KEY, 'bob')}`,
      `userId=alice&userHash=${await userHash('wk_test', 'alice')}`]) {
      const res = await f.get(`/v1/status?${query}`);
      expect(res.status, query).toBe(403);
      expect(await res.text()).not.toMatch(/alice@example|Alice|pro/);
    }
    const ok = await f.get(`/v1/status?userId=alice&userHash=${await userHash(SECRET_KEY, 'alice')}`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as StatusBody).userId).toBe('alice');
  });

  it('keeps reads by anonymous id open, but to that device\'s own profile only, not the user it was linked to', async () => {
    await onDefaults();
    const res = await f.get('/v1/status?anonymousId=alice-device');
    expect(res.status).toBe(200);
    expect(((await res.json()) as StatusBody).userId).toBeUndefined();
  });

  it('sends no trait to a browser unless the project lists it in statusTraits', async () => {
    await onDefaults();
    const read = async () => {
      const res = await f.get(`/v1/status?userId=alice&userHash=${await userHash(SECRET_KEY, 'alice')}`);
      return { etag: res.headers.get('etag'), text: await res.text() };
    };
    const hidden = await read();
    expect(JSON.parse(hidden.text).facts.traits).toEqual({});
    expect(hidden.text).not.toMatch(/alice@example|"Alice"/);
    // Segments still see every trait: they are evaluated on the server, only the answer is filtered.
    expect((await f.admin('PUT', '/v1/admin/config', undefined, { statusTraits: ['plan'], segments: { pro: { trait: 'plan', eq: 'pro' } } })).status).toBe(200);
    const listed = await read();
    expect(Object.keys(JSON.parse(listed.text).facts.traits)).toEqual(['plan']);
    expect(JSON.parse(listed.text).segments).toEqual(['pro']);
    expect(listed.text).not.toMatch(/alice@example/);
    expect(listed.etag).not.toBe(hidden.etag);
    // Repeated reads of the unchanged profile answer the same bytes.
    expect((await read()).text.replace(/"asOf":"[^"]*"/, '')).toBe(listed.text.replace(/"asOf":"[^"]*"/, ''));
  });

  it('opens reads by user id only when the operator turns verification off, as documented', async () => {
    await onDefaults();
    expect((await f.admin('PATCH', '/v1/admin/project', undefined, { identityVerification: false })).status).toBe(200);
    const res = await f.get('/v1/status?userId=alice');
    expect(res.status).toBe(200);
    // Traits stay hidden: that is a separate, per-trait choice.
    expect(((await res.json()) as StatusBody).facts.traits).toEqual({});
  });
});
