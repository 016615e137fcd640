/** The tracker's storage: memory until durable storage is attached (consent); a durable failure reopens once, then falls back to memory for good, reported, never thrown. */
import { WaymarkError } from '../errors.js';
import type { EventStore, KeyValueStore } from '../ports.js';
import { createMemoryEventStore } from './memory-event-store.js';
import { createMemoryKeyValue } from './memory-key-value.js';

export interface Storage {
  events: EventStore;
  kv: KeyValueStore;
}

/**
 * Calls go to the attached durable storage and are retried once on failure (the adapter reopens a lost
 * connection); a second failure (no IndexedDB, QuotaExceededError, a dead connection) switches both
 * stores to memory, carrying the failed write over, and calls `report` once.
 */
export function createFallbackStorage(report: (error: WaymarkError) => void): Storage & { attach(durable: Storage): void; durable(): boolean } {
  const memory: Storage = { events: createMemoryEventStore(), kv: createMemoryKeyValue() };
  let active = memory;
  const wrap = <S extends object>(pick: (s: Storage) => S): S =>
    new Proxy({} as S, {
      get: (_target, method: string) =>
        async (...args: unknown[]) => {
          const call = (s: Storage) => (pick(s) as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args);
          for (let tries = 0; active !== memory; tries++) {
            try {
              return await call(active);
            } catch (error) {
              if (tries) {
                active = memory;
                report(new WaymarkError('storage', String(error), [], error));
              }
            }
          }
          return call(memory);
        },
    });
  return {
    events: wrap((s) => s.events),
    kv: wrap((s) => s.kv),
    attach: (durable) => void (active = durable),
    durable: () => active !== memory,
  };
}
