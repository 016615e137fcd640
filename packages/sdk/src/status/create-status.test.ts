import { DAY_MS, emptyFacts, reduceEvents, type Checklist, type Nudge, type WireEvent } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { createStatus } from './create-status.js';
import { memoryKeyValue, T0, testTracker } from './fake-host.js';
import type { HttpGetResponse } from './status-host.js';

const checklist: Checklist = {
  id: 'setup',
  steps: [
    { id: 'project', event: 'Project Created' },
    { id: 'invite', event: 'Teammate Invited' },
    { id: 'deploy', event: 'Deployed', count: 2 },
  ],
};
const flush = () => new Promise((r) => setTimeout(r, 0));
const never = () => new Promise<HttpGetResponse>(() => undefined);

/** Facts the server holds for a user: events from another device (stream `s-other`). */
function serverFacts(names: string[], atMs = T0 - 3 * DAY_MS) {
  const events: WireEvent[] = names.map((event, i) => ({
    type: 'track', event, messageId: `srv${i}`, userId: 'u1', timestamp: new Date(atMs + i).toISOString(), context: { streamId: 's-other' },
  }));
  return reduceEvents(emptyFacts(), events, { checklists: [checklist] });
}

describe('createStatus: synchronous reads of local state', () => {
  it('answers at once, before anything is restored or fetched', () => {
    const t = testTracker({ route: never });
    const s = createStatus(t.host, { checklists: [checklist] });
    expect(s.status().status).toBe('new');
    expect(s.onboarding('setup')).toMatchObject({ done: 0, total: 3, progress: 0, next: 'project' });
  });

  it('moves the progress on every tracked event, synchronously', async () => {
    const t = testTracker({ route: never });
    const s = createStatus(t.host, { checklists: [checklist] });
    await s.ready();
    t.host.track('Project Created');
    expect(s.onboarding('setup')).toMatchObject({ done: 1, progress: 1 / 3, next: 'invite' });
    t.host.track('Deployed');
    expect(s.onboarding('setup').done).toBe(1);
    t.host.track('Deployed');
    t.host.track('Teammate Invited');
    expect(s.onboarding('setup')).toMatchObject({ done: 3, total: 3, progress: 1, next: null, complete: true });
  });

  it('reads an unknown checklist as empty instead of throwing', () => {
    const s = createStatus(testTracker({ route: never }).host, {});
    expect(s.onboarding('nope')).toMatchObject({ done: 0, total: 0 });
  });

  it('completes a step explicitly', async () => {
    const t = testTracker({ route: never });
    const s = createStatus(t.host, { checklists: [checklist] });
    await s.ready();
    s.completeStep('setup', 'invite');
    expect(t.tracked.at(-1)).toMatchObject({ event: 'Onboarding Step Completed', properties: { checklistId: 'setup', stepId: 'invite' } });
    expect(s.onboarding('setup').steps.find((x) => x.id === 'invite')?.done).toBe(true);
  });
});

describe('createStatus: persistence across reloads', () => {
  it('restores progress and status from storage before ready() resolves, with no network', async () => {
    const kv = memoryKeyValue();
    const first = testTracker({ kv, route: never });
    const a = createStatus(first.host, { checklists: [checklist] });
    await a.ready();
    for (let d = 13; d >= 0; d--) {
      first.setNow(T0 - d * DAY_MS);
      first.host.track('Project Created');
    }
    await flush();
    const reload = testTracker({ kv, route: never });
    const b = createStatus(reload.host, { checklists: [checklist] });
    await b.ready();
    expect(b.onboarding('setup').done).toBe(1);
    expect(b.status()).toEqual(a.status());
    expect(b.status().status).toBe('loyal');
  });

  it('replays events tracked before the restore onto the stored facts (no count lost)', async () => {
    const kv = memoryKeyValue();
    const first = testTracker({ kv, route: never });
    const a = createStatus(first.host, { checklists: [checklist] });
    await a.ready();
    first.host.track('Deployed');
    await flush();
    const reload = testTracker({ kv, route: never });
    const b = createStatus(reload.host, { checklists: [checklist] });
    reload.host.track('Deployed'); // before ready: the second of two needed
    await b.ready();
    expect(b.onboarding('setup').steps.find((x) => x.id === 'deploy')?.done).toBe(true);
  });

  it('keeps working in memory when storage fails', async () => {
    const kv = { get: () => Promise.reject(new Error('QuotaExceeded')), set: () => Promise.reject(new Error('x')), delete: () => Promise.reject(new Error('x')) };
    const t = testTracker({ kv, route: () => Promise.reject(new TypeError('offline')) });
    const s = createStatus(t.host, { checklists: [checklist] });
    await s.ready();
    t.host.track('Project Created');
    expect(s.onboarding('setup').done).toBe(1);
  });

  it('merges what another tab stored for the same user when saving', async () => {
    const kv = memoryKeyValue();
    const tab1 = testTracker({ kv, route: never, streamId: 'tab-1' });
    const tab2 = testTracker({ kv, route: never, streamId: 'tab-2' });
    const a = createStatus(tab1.host, { checklists: [checklist] });
    const b = createStatus(tab2.host, { checklists: [checklist] });
    await Promise.all([a.ready(), b.ready()]);
    tab1.host.track('Deployed');
    await flush();
    tab2.host.track('Deployed');
    await flush();
    expect(b.onboarding('setup').steps.find((x) => x.id === 'deploy')?.done).toBe(true);
  });
});

describe('createStatus: server snapshot', () => {
  const population = { rfm: 'champions', pAlive: 0.93, persona: { id: 'p2', name: 'frequent visitors' }, asOf: '2026-11-20T10:00:00.000Z' };
  it('fetches the snapshot at start and joins it: steps done on another device count', async () => {
    const t = testTracker({
      user: { anonymousId: 'a1', userId: 'u1' },
      route: (req) =>
        req.url.pathname === '/v1/status'
          ? { status: 200, etag: '"p1"', body: { userId: 'u1', facts: serverFacts(['Project Created', 'Deployed']), segments: ['rfm:champions'], asOf: '2026-11-20T11:00:00.000Z', population } }
          : { status: 404 },
    });
    const s = createStatus(t.host, { checklists: [checklist] });
    expect(s.population()).toBeUndefined();
    const changes: number[] = [];
    s.subscribe(() => changes.push(s.onboarding('setup').done));
    await s.ready();
    await s.sync();
    expect(s.onboarding('setup')).toMatchObject({ done: 1, next: 'invite' });
    expect(s.segments()).toEqual(['rfm:champions']);
    expect(s.population()).toEqual(population); // carried as the collector computed it
    t.host.track('Deployed'); // the second deploy, on this device
    expect(s.onboarding('setup').done).toBe(2);
    await s.sync(); // the same snapshot again: joined without double counting
    expect(s.onboarding('setup').done).toBe(2);
    await flush();
    expect(changes.length).toBeGreaterThan(0);
  });

  it('fetches again after identify, with the identity-verification hash, and keeps the anonymous progress', async () => {
    const t = testTracker({
      route: (req) =>
        req.url.searchParams.get('userId') === 'u1'
          ? { status: 200, body: { userId: 'u1', facts: serverFacts(['Teammate Invited']), segments: [], asOf: '2026-11-20T11:00:00.000Z' } }
          : { status: 200, body: { facts: emptyFacts(), segments: [], asOf: '2026-11-20T11:00:00.000Z' } },
    });
    const s = createStatus(t.host, { checklists: [checklist] });
    await s.ready();
    t.host.track('Project Created');
    s.setUserHash('u1', 'beef');
    t.identify('u1');
    await flush();
    await s.sync();
    const statusCalls = t.http.requests.filter((r) => r.url.pathname === '/v1/status');
    const identified = statusCalls.find((r) => r.url.searchParams.get('userId') === 'u1');
    expect(identified?.url.searchParams.get('userHash')).toBe('beef');
    expect(s.onboarding('setup')).toMatchObject({ done: 2, next: 'deploy' });
  });

  it('starts afresh for another user (no leak of the previous user’s progress)', async () => {
    const t = testTracker({ route: never });
    const s = createStatus(t.host, { checklists: [checklist] });
    await s.ready();
    t.identify('u1');
    t.host.track('Project Created');
    expect(s.onboarding('setup').done).toBe(1);
    t.reset();
    expect(s.onboarding('setup').done).toBe(0);
    t.identify('u2');
    expect(s.onboarding('setup').done).toBe(0);
  });

  it('skips the start fetch when a recent snapshot is cached, and ignores a refused one', async () => {
    const kv = memoryKeyValue();
    const ok = testTracker({ kv, user: { anonymousId: 'a', userId: 'u1' }, route: () => ({ status: 200, body: { facts: serverFacts(['Project Created']), segments: [], asOf: 'x' } }) });
    const a = createStatus(ok.host, { checklists: [checklist], remoteConfig: false });
    await a.ready();
    await a.sync();
    await flush();
    const again = testTracker({ kv, user: { anonymousId: 'a', userId: 'u1' }, route: () => ({ status: 403, body: { error: 'forbidden' } }) });
    const b = createStatus(again.host, { checklists: [checklist], remoteConfig: false });
    await b.ready();
    await flush();
    expect(again.http.requests).toHaveLength(0);
    await b.sync();
    expect(b.onboarding('setup').done).toBe(1);
  });
});

describe('createStatus: identity verification at page load', () => {
  it('keeps a hash given before the restore and sends it with the start fetch', async () => {
    const t = testTracker({ route: () => ({ status: 200, body: { facts: emptyFacts(), segments: [], asOf: 'x' } }) });
    const s = createStatus(t.host, { checklists: [checklist], remoteConfig: false });
    s.setUserHash('u1', 'cafe');
    t.identify('u1');
    await s.ready();
    await flush();
    const call = t.http.requests.find((r) => r.url.pathname === '/v1/status');
    expect([call?.url.searchParams.get('userId'), call?.url.searchParams.get('userHash')]).toEqual(['u1', 'cafe']);
  });
});

describe('createStatus: forget', () => {
  it('erases the stored state so a reload starts empty', async () => {
    const kv = memoryKeyValue();
    const t = testTracker({ kv, route: never });
    const s = createStatus(t.host, { checklists: [checklist] });
    await s.ready();
    t.host.track('Project Created');
    await flush();
    await s.forget();
    expect(s.onboarding('setup').done).toBe(0);
    const reload = createStatus(testTracker({ kv, route: never }).host, { checklists: [checklist] });
    await reload.ready();
    expect(reload.onboarding('setup').done).toBe(0);
  });
});
