import type { Checklist, Nudge } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { sharedState } from '../fake-ports.js';
import { createStatus } from './create-status.js';
import { memoryKeyValue, testTracker } from './fake-host.js';
import type { HttpGetResponse, StatusKeyValue } from './status-host.js';

const never = () => new Promise<HttpGetResponse>(() => undefined);
const flush = () => new Promise((r) => setTimeout(r, 0));
const nudges: Nudge[] = [
  { id: 'invite', priority: 10, maxShows: 3 },
  { id: 'tour', priority: 1 },
];
const checklist: Checklist = { id: 'setup', steps: [{ id: 'project', event: 'Project Created' }, { id: 'invite' }] };
const options = { nudges, checklists: [checklist], config: { rateLimit: null } };

/** IndexedDB as a page about to unload sees it: once `unload()` is called, its requests never settle (the browser aborts them). */
function unloading(kv: StatusKeyValue): StatusKeyValue & { unload(): void } {
  let gone = false;
  const hang = new Promise<never>(() => undefined);
  return {
    get: (key) => (gone ? hang : kv.get(key)),
    set: (key, value) => (gone ? hang : kv.set(key, value)),
    delete: (key) => (gone ? hang : kv.delete(key)),
    unload: () => void (gone = true),
  };
}

/** One device: the IndexedDB record store and localStorage that its pages share. */
function device() {
  const kv = memoryKeyValue();
  const shared = sharedState();
  const open = () => {
    const store = unloading(kv);
    const t = testTracker({ kv: store, state: shared.tab(), route: never });
    const s = createStatus(t.host, options);
    return { t, s, store, ready: () => s.ready().then(() => ({ t, s, store })) };
  };
  const journalKeys = () => [...shared.data.keys()].filter((k) => k.startsWith('waymark:status:'));
  return { kv, open, journalKeys };
}

describe('status record: a reload before its IndexedDB write settles', () => {
  it('keeps a dismissal, the exact impression count and a completed step; the journal entry is gone once stored', async () => {
    const d = device();
    const { t, s, store } = await d.open().ready();
    s.nudges.shown('invite');
    await flush();
    s.nudges.shown('invite');
    s.nudges.dismiss('invite');
    s.completeStep('setup', 'invite');
    store.unload(); // the writes this task issued never commit
    await flush();
    t.hide(); // pagehide: the next page loads
    expect(d.journalKeys()).toHaveLength(1);

    const next = await d.open().ready();
    expect(next.s.nudges.next()?.id).toBe('tour');
    expect(next.s.explain('invite').reasons.join()).toMatch(/dismissed/);
    expect(next.s.onboarding('setup').steps.find((x) => x.id === 'invite')?.done).toBe(true);
    await flush();
    expect(d.journalKeys()).toEqual([]);
    // Stored in IndexedDB by that page: a third one reads it there, impressions counted once each.
    const third = await d.open().ready();
    expect(third.s.explain('invite').reasons.join()).toMatch(/dismissed/);
    expect(third.s.explain('invite').reasons.join()).not.toMatch(/max shows/);
    expect((d.kv.data.get('waymark:status:state') as { facts: { src: Record<string, { c: Record<string, number> }> } }).facts.src['stream-1']!.c['e:Nudge Shown#invite']).toBe(2);
  });

  it('keeps events tracked before the restore when the page is hidden before it', async () => {
    const d = device();
    const first = d.open();
    first.t.host.track('Project Created');
    first.store.unload(); // neither the restore's read nor any write will finish
    await flush();
    first.t.hide();
    const next = await d.open().ready();
    expect(next.s.onboarding('setup').done).toBe(1);
  });

  it('journals nothing when the write settled before the page was hidden', async () => {
    const d = device();
    const { t, s } = await d.open().ready();
    s.nudges.dismiss('invite');
    await flush();
    t.hide();
    expect(d.journalKeys()).toEqual([]);
  });

  it('removes the entry when the hidden page comes back and its write settles', async () => {
    const d = device();
    const { t, s } = await d.open().ready();
    s.nudges.dismiss('invite');
    t.hide(); // same task: the write is on its way
    expect(d.journalKeys()).toHaveLength(1);
    await flush();
    expect(d.journalKeys()).toEqual([]);
  });

  it('leaves nothing for forget() to miss: a reload after it finds nothing', async () => {
    const d = device();
    const { t, s, store } = await d.open().ready();
    s.nudges.dismiss('invite');
    store.unload();
    await flush();
    t.hide();
    const next = await d.open().ready();
    await next.s.forget();
    expect(d.journalKeys()).toEqual([]);
    const third = await d.open().ready();
    expect(third.s.nudges.next()?.id).toBe('invite');
  });
});
