/** StateStore adapter over localStorage (shared by the origin's tabs); a page-local map where it is blocked. */
import type { StateStore } from '../ports.js';

type Backend = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function backend(): Backend {
  try {
    localStorage.setItem('waymark', '');
    return localStorage;
  } catch {
    const map = new Map<string, string>();
    return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
  }
}

export function createLocalStorageState(): StateStore {
  const store = backend();
  /** Quota errors and storage revoked mid-session must not reach the app. */
  const attempt = <T>(fn: () => T): T | null => {
    try {
      return fn();
    } catch {
      return null;
    }
  };
  return {
    get: (key) => attempt(() => store.getItem(key)),
    set: (key, value) => void attempt(() => store.setItem(key, value)),
    remove: (key) => void attempt(() => store.removeItem(key)),
    watch(listener) {
      if (typeof addEventListener === 'function') addEventListener('storage', (event) => event.key && listener(event.key));
    },
  };
}
