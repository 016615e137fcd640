import { describe, expect, it } from 'vitest';
import type { WaymarkError } from '../errors.js';
import type { EventStore } from '../ports.js';
import { storedEvent } from './event-store.contract.js';
import { createFallbackStorage, type Storage } from './fallback-storage.js';
import { createMemoryEventStore } from './memory-event-store.js';
import { createMemoryKeyValue } from './memory-key-value.js';

/** A durable store whose next `failures` calls reject with `error`. */
function flaky(failures: number, error = new DOMException('quota', 'QuotaExceededError')): Storage & { calls: number } {
  const inner = createMemoryEventStore();
  const state = { calls: 0, failures };
  const events = new Proxy(inner, {
    get: (target, method: keyof EventStore) => async (...args: never[]) => {
      state.calls++;
      if (state.failures-- > 0) throw error;
      return (target[method] as (...a: never[]) => unknown)(...args);
    },
  });
  return Object.assign(state, { events, kv: createMemoryKeyValue() });
}

describe('createFallbackStorage', () => {
  it('retries once (reopen) and stays durable when the retry works', async () => {
    const errors: WaymarkError[] = [];
    const durable = flaky(1, new DOMException('Connection to Indexed Database server lost', 'UnknownError'));
    const storage = createFallbackStorage((e) => errors.push(e));
    storage.attach(durable);
    await storage.events.add([storedEvent(1)]);
    expect(await durable.events.stats()).toMatchObject({ count: 1 });
    expect(errors).toEqual([]);
  });

  it('moves to memory after a second failure, keeps the failed write, and reports once', async () => {
    const errors: WaymarkError[] = [];
    const durable = flaky(2);
    const storage = createFallbackStorage((e) => errors.push(e));
    storage.attach(durable);
    await expect(storage.events.add([storedEvent(1)])).resolves.toBeUndefined();
    await storage.events.add([storedEvent(2)]);
    expect((await storage.events.oldest(10)).map((e) => e.id)).toEqual(['m-1', 'm-2']);
    expect(errors.map((e) => e.code)).toEqual(['storage']);
    expect(errors[0]!.message).toMatch(/quota/);
    expect(durable.calls).toBe(2);
  });

  it('works from memory before durable storage is attached (consent pending)', async () => {
    const errors: WaymarkError[] = [];
    const storage = createFallbackStorage((e) => errors.push(e));
    await storage.kv.set('k', { v: 1 });
    expect(await storage.kv.get('k')).toEqual({ v: 1 });
    expect(errors).toEqual([]);
  });
});
