import type { Checklist } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { createStatus } from './create-status.js';
import { memoryKeyValue, T0, testTracker } from './fake-host.js';
import type { HttpGetResponse } from './status-host.js';

const local: Checklist = { id: 'setup', steps: [{ id: 'a', event: 'A' }] };
const remote: Checklist = { id: 'setup', steps: [{ id: 'a', event: 'A' }, { id: 'b', event: 'B' }] };
const flush = () => new Promise((r) => setTimeout(r, 0));

const collector = (answer: () => HttpGetResponse | Promise<HttpGetResponse>) => (req: { url: URL }) =>
  req.url.pathname === '/v1/config' ? answer() : { status: 404 };

describe('config from the collector', () => {
  it('overrides the init checklists once fetched, and is used offline after a reload', async () => {
    const kv = memoryKeyValue();
    const online = testTracker({ kv, route: collector(() => ({ status: 200, etag: '"cfg-2"', body: { version: 2, config: { checklists: [remote] } } })) });
    const a = createStatus(online.host, { checklists: [local] });
    expect(a.onboarding('setup').total).toBe(1);
    await a.ready();
    await a.sync();
    expect(a.onboarding('setup').total).toBe(2);

    const offline = testTracker({ kv, route: () => Promise.reject(new TypeError('Failed to fetch')) });
    const b = createStatus(offline.host, { checklists: [local] });
    await b.ready();
    expect(b.onboarding('setup').total).toBe(2);
    await b.sync();
    expect(b.onboarding('setup').total).toBe(2);
  });

  it('revalidates with the cached ETag once the cached copy is older than configMaxAgeMs', async () => {
    const kv = memoryKeyValue();
    const first = testTracker({ kv, route: collector(() => ({ status: 200, etag: '"cfg-2"', body: { version: 2, config: { checklists: [remote] } } })) });
    await createStatus(first.host, {}).sync();
    const soon = testTracker({ kv, route: collector(() => ({ status: 304 })), nowMs: T0 + 60_000 });
    await createStatus(soon.host, {}).ready();
    await flush();
    expect(soon.http.requests.some((r) => r.url.pathname === '/v1/config')).toBe(false);
    const second = testTracker({ kv, route: collector(() => ({ status: 304 })), nowMs: T0 + 300_000 });
    const s = createStatus(second.host, {});
    await s.ready();
    await flush();
    const configCalls = second.http.requests.filter((r) => r.url.pathname === '/v1/config');
    expect(configCalls[0]?.headers['if-none-match']).toBe('"cfg-2"');
    expect(s.onboarding('setup').total).toBe(2);
  });

  it('does not ask for a config when remoteConfig is false', async () => {
    const t = testTracker({ route: () => ({ status: 404 }) });
    const s = createStatus(t.host, { checklists: [local], remoteConfig: false });
    await s.ready();
    await flush();
    expect(t.http.requests.some((r) => r.url.pathname === '/v1/config')).toBe(false);
  });

  it('counts steps of a checklist that arrived after their events (existing users are not told to start over)', async () => {
    const t = testTracker({ route: collector(() => ({ status: 200, body: { version: 1, config: { checklists: [remote] } } })) });
    const s = createStatus(t.host, { remoteConfig: true });
    await s.ready();
    t.host.track('B');
    await s.sync();
    expect(s.onboarding('setup').steps.find((x) => x.id === 'b')?.done).toBe(true);
  });
});
