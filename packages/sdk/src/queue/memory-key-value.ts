/** In-memory KeyValueStore: before consent, and the fallback when IndexedDB is unavailable. Values are kept as given (not copied). */
import type { KeyValueStore } from '../ports.js';

export function createMemoryKeyValue(): KeyValueStore {
  const data = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => data.get(key) as T | undefined,
    set: async (key, value) => void data.set(key, value),
    delete: async (key) => void data.delete(key),
  };
}
