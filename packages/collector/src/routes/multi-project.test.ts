import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, basic, createFixture, track, type Fixture } from '../app.fixture.js';

describe.each(ADAPTERS)('several projects on one collector (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it('keeps CORS lists, messageIds and users per project', async () => {
    f = await createFixture(adapter);
    await f.storage.createProject({ id: 'p2', name: 'Two', writeKey: 'wk_two', secretKey: 'sk_two', corsOrigins: ['https://two.example'] });
    // A preflight cannot know the project, so it answers for the union of the lists ...
    const pre = await f.app.request('/v1/batch', { method: 'OPTIONS', headers: { origin: 'https://two.example' } });
    expect(pre.status).toBe(204);
    // ... but the request itself is checked against its own project's list.
    const wrong = await f.post('/v1/batch', { batch: [track('x1')] }, { headers: { origin: 'https://two.example' } });
    expect(wrong.status).toBe(403);
    const right = await f.post('/v1/batch', { batch: [track('x1', { userId: 'same' })] }, { headers: { origin: 'https://two.example', authorization: basic('wk_two') } });
    expect(await right.json()).toEqual({ accepted: 1, duplicates: [], rejected: [] });
    // The same messageId and user id in project p1 are a different event and a different user.
    const p1 = await f.post('/v1/batch', { batch: [track('x1', { userId: 'same' })] });
    expect(await p1.json()).toEqual({ accepted: 1, duplicates: [], rejected: [] });
    const two = await f.app.request('/v1/admin/users/same', { method: 'DELETE', headers: { authorization: basic('sk_two') } });
    expect(await two.json()).toEqual({ userId: 'same', removed: { events: 1, profiles: 1, identityLinks: 0 } });
    expect((await f.storage.readProfile('p1', { userId: 'same' }))?.userId).toBe('same');
  });

  it('exports more events than one page as one NDJSON stream', async () => {
    f = await createFixture(adapter);
    for (let b = 0; b < 3; b++) {
      const batch = Array.from({ length: 450 }, (_, i) => track(`e${b}-${i}`, { userId: 'heavy' }));
      expect((await f.post('/v1/batch', { batch })).status).toBe(200);
    }
    const lines = (await (await f.admin('GET', '/v1/admin/users/heavy/export')).text()).trim().split('\n');
    const ids = lines.slice(1).map((l) => (JSON.parse(l) as { event: { messageId: string } }).event.messageId);
    expect(ids).toHaveLength(1350);
    expect(new Set(ids).size).toBe(1350);
  });
});
