/** In-memory KeyValueStore: the fallback when IndexedDB is unavailable. Values are copied like IndexedDB does. */
import type { KeyValueStore } from '../ports.js';

const copy = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

export function createMemoryKeyValue(): KeyValueStore {
  const data = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => copy(data.get(key)) as T | undefined,
    set: async (key, value) => void data.set(key, copy(value)),
    delete: async (key) => void data.delete(key),
  };
}
