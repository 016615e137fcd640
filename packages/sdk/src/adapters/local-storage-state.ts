/** StateStore adapter over localStorage, shared by the origin's tabs; where it is blocked or full, reads miss and writes are skipped (the tracker keeps its own copy). */
import type { StateStore } from '../ports.js';

/** Blocked storage throws on access, a full one on write: neither may reach the app. */
const attempt = <T>(fn: () => T): T | null => {
  try {
    return fn();
  } catch {
    return null;
  }
};

export function createLocalStorageState(): StateStore {
  return {
    get: (key) => attempt(() => localStorage.getItem(key)),
    set: (key, value) => void attempt(() => localStorage.setItem(key, value)),
    remove: (key) => void attempt(() => localStorage.removeItem(key)),
    keys: (prefix) => attempt(() => Object.keys(localStorage).filter((key) => key.startsWith(prefix))) ?? [],
    watch(listener) {
      globalThis.addEventListener?.('storage', (event) => event.key && listener(event.key));
    },
  };
}
