// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import type { Checklist } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { createIdbStorage } from '../adapters/idb-storage.js';
import { createStatus } from './create-status.js';
import { testTracker } from './fake-host.js';
import { RECORD_KEY } from './status-record.js';
import type { HttpGetResponse } from './status-host.js';

const checklist: Checklist = { id: 'setup', steps: [{ id: 'a', event: 'A' }, { id: 'b', event: 'B' }] };
const never = () => new Promise<HttpGetResponse>(() => undefined);

describe('status layer over the IndexedDB key-value store', () => {
  it('restores progress after a reload from IndexedDB, offline', async () => {
    const name = `waymark-status-${Math.random()}`;
    const first = testTracker({ kv: createIdbStorage(name).kv, route: never });
    const a = createStatus(first.host, { checklists: [checklist] });
    await a.ready();
    first.host.track('A');
    // The save is asynchronous: wait until IndexedDB holds the event's facts.
    const stored = createIdbStorage(name).kv;
    for (let i = 0; i < 200 && !(await stored.get<{ facts: { names: object } }>(RECORD_KEY))?.facts.names.hasOwnProperty('A'); i++) {
      await new Promise((r) => setTimeout(r, 1));
    }

    const reload = testTracker({ kv: createIdbStorage(name).kv, route: never });
    const b = createStatus(reload.host, { checklists: [checklist] });
    expect(b.onboarding('setup').done).toBe(0);
    await b.ready();
    expect(b.onboarding('setup')).toMatchObject({ done: 1, progress: 0.5, next: 'b' });
  });
});
