/** StateStore adapter over localStorage, shared by the origin's tabs; where it is blocked or full, reads miss and writes are skipped (the tracker keeps its own copy). */
import { attempt } from '../attempt.js';
import type { StateStore } from '../ports.js';

export function createLocalStorageState(): StateStore {
  // Blocked storage throws on access, a full one on write: neither may reach the app.
  return {
    get: (key) => attempt(() => localStorage.getItem(key), null),
    set: (key, value) => void attempt(() => localStorage.setItem(key, value)),
    remove: (key) => void attempt(() => localStorage.removeItem(key)),
    keys: (prefix) => attempt(() => Object.keys(localStorage).filter((key) => key.startsWith(prefix)), []),
    watch(listener) {
      globalThis.addEventListener?.('storage', (event) => event.key && listener(event.key));
    },
  };
}
