// @vitest-environment happy-dom
import type { WireEvent } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { createTracker } from '../create-tracker.js';
import { fakePorts, settle, sharedState } from '../fake-ports.js';
import type { EventStore, StoredEvent } from '../ports.js';
import { createMemoryEventStore } from './memory-event-store.js';
import { createMemoryKeyValue } from './memory-key-value.js';

const base = { writeKey: 'wk_test', host: 'https://collector.test' };
const names = (events: WireEvent[]) => events.map((e) => e.event ?? e.type);
const journalKeys = (data: Map<string, string>) => [...data.keys()].filter((k) => k.startsWith('waymark:unsent:'));

/** A store whose writes hang until `commit()` (an IndexedDB transaction an unload will abort if it comes first). */
function slowStore(): EventStore & { commit(): void } {
  const inner = createMemoryEventStore();
  let release: Array<() => void> = [];
  return {
    ...inner,
    add: (list: StoredEvent[]) => new Promise<void>((resolve) => release.push(() => void inner.add(list).then(resolve))),
    commit() {
      release.forEach((r) => r());
      release = [];
    },
  };
}

describe('unload journal: events whose store write had not committed at page hide', () => {
  it('are journaled synchronously at hide and adopted, once, by the next page', async () => {
    const shared = sharedState();
    const down = fakePorts({ state: shared.tab(), respond: () => Promise.reject(new TypeError('Failed to fetch')) });
    down.ports.openStorage = () => ({ events: slowStore(), kv: createMemoryKeyValue() });
    const first = createTracker({ ...base, flushIntervalMs: 60_000 }, down.ports);
    for (let i = 0; i < 100; i++) first.track('burst', { i });
    await settle();
    down.hide(); // the keepalive fails (collector down) and the page is gone: its write never commits
    expect(journalKeys(shared.data)).toHaveLength(1);

    const durable = createMemoryEventStore();
    const up = fakePorts({ state: shared.tab() });
    up.ports.openStorage = () => ({ events: durable, kv: createMemoryKeyValue() });
    const second = createTracker(base, up.ports);
    await second.ready();
    await settle();
    await second.flush();
    const burst = up.delivered().filter((e) => e.event === 'burst');
    expect(burst.map((e) => (e.properties as { i: number }).i)).toEqual([...Array(100).keys()]);
    expect(journalKeys(shared.data)).toEqual([]);
    // Adopted once: a third page finds nothing left to send.
    const third = fakePorts({ state: shared.tab() });
    third.ports.openStorage = () => ({ events: createMemoryEventStore(), kv: createMemoryKeyValue() });
    await createTracker(base, third.ports).flush();
    expect(names(third.delivered())).not.toContain('burst');
  });

  it('is removed once the page comes back and its write commits (nothing left behind)', async () => {
    const shared = sharedState();
    const f = fakePorts({ state: shared.tab(), respond: () => Promise.reject(new TypeError('Failed to fetch')) });
    const store = slowStore();
    f.ports.openStorage = () => ({ events: store, kv: createMemoryKeyValue() });
    const t = createTracker({ ...base, flushIntervalMs: 60_000 }, f.ports);
    t.track('a');
    await settle();
    f.hide();
    expect(journalKeys(shared.data)).toHaveLength(1);
    f.resume();
    store.commit();
    await settle();
    expect(journalKeys(shared.data)).toEqual([]);
  });

  it('keeps the unsent events of a page whose storage fell back to memory', async () => {
    const shared = sharedState();
    const down = fakePorts({ state: shared.tab(), respond: () => Promise.reject(new TypeError('Failed to fetch')) });
    const broken = new Proxy({} as EventStore, { get: () => () => Promise.reject(new DOMException('full', 'QuotaExceededError')) });
    down.ports.openStorage = () => ({ events: broken, kv: broken as never });
    const first = createTracker({ ...base, flushIntervalMs: 60_000 }, down.ports);
    first.track('kept');
    await settle();
    down.hide();
    const up = fakePorts({ state: shared.tab() });
    up.ports.openStorage = () => ({ events: createMemoryEventStore(), kv: createMemoryKeyValue() });
    const second = createTracker(base, up.ports);
    await settle();
    await second.flush();
    expect(names(up.delivered())).toContain('kept');
  });

  it('is deleted by optOut, like the queue (the status records journaled by createWaymark too)', async () => {
    const shared = sharedState();
    const f = fakePorts({ state: shared.tab(), respond: () => Promise.reject(new TypeError('Failed to fetch')) });
    f.ports.openStorage = () => ({ events: slowStore(), kv: createMemoryKeyValue() });
    const t = createTracker({ ...base, flushIntervalMs: 60_000 }, f.ports);
    t.track('private');
    await settle();
    f.hide();
    expect(journalKeys(shared.data)).toHaveLength(1);
    shared.data.set('waymark:status:page-9', '{"events":[{"facts":{"v":1}}]}'); // a status record left by a closed page
    t.optOut();
    expect(journalKeys(shared.data)).toEqual([]);
    expect([...shared.data.keys()].filter((k) => k.startsWith('waymark:status:'))).toEqual([]);
  });
});
