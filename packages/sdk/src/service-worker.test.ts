// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdbStorage } from './adapters/idb-storage.js';
import { storedEvent } from './queue/event-store.contract.js';
import { deliverFromServiceWorker, type ExtendableEventLike } from './service-worker.js';

/** A worker scope that records its listeners, and the work each event was extended with. */
function fakeScope() {
  const listeners = new Map<string, (e: ExtendableEventLike) => void>();
  return {
    addEventListener: (type: string, l: (e: ExtendableEventLike) => void) => void listeners.set(type, l),
    fire(type: string, tag?: string): Promise<unknown> | undefined {
      let work: Promise<unknown> | undefined;
      listeners.get(type)?.({ ...(tag && { tag }), waitUntil: (p) => void (work = p) });
      return work;
    },
  };
}

let n = 0;
afterEach(() => vi.unstubAllGlobals());

describe('deliverFromServiceWorker', () => {
  it('sends the queue its pages left on their sync tag, and fails the sync while events remain so the browser retries', async () => {
    const writeKey = `wk_sw_${++n}`;
    // Queued by a page a moment ago (`order` is the enqueue time in µs).
    const recent = (i: number) => ({ ...storedEvent(i), order: Date.now() * 1000 + i });
    await createIdbStorage(`waymark:${writeKey}`).events.add([recent(1), recent(2)]);
    let up = false;
    const bodies: string[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: { body: string }) => {
      if (!up) throw new TypeError('Failed to fetch');
      bodies.push(init.body);
      return new Response(JSON.stringify({ accepted: 2, duplicates: [], rejected: [] }), { status: 200 });
    });
    const scope = fakeScope();
    const worker = deliverFromServiceWorker(scope, { writeKey, host: 'http://collector.test', minRetryDelayMs: 60_000 });
    expect(scope.fire('sync', 'waymark:another-key')).toBeUndefined(); // not ours
    await expect(scope.fire('sync', `waymark:${writeKey}`)).rejects.toThrow(/2 events still queued/);
    up = true;
    await expect(scope.fire('sync', `waymark:${writeKey}`)).resolves.toBeUndefined();
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ writeKey, batch: [{}, {}] });
    expect(await worker.drain()).toBe(0);
  });
});
