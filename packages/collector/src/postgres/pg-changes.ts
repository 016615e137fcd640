/** LISTEN/NOTIFY for cache invalidation across collector processes sharing one database. */
import type { Sql } from 'postgres';
import type { StorageChange } from '../storage/storage.js';

export const CHANGES_CHANNEL = 'waymark_changes';

/** Parses a `<kind>:<projectId>` payload (as pg-projects sends); anything else reads as `all`. */
export function parseChange(payload: string): StorageChange {
  const colon = payload.indexOf(':');
  const kind = payload.slice(0, colon);
  return (kind === 'project' || kind === 'config') ? { kind, projectId: payload.slice(colon + 1) } : { kind: 'all' };
}

/**
 * One LISTEN connection, opened with the first watcher. Each (re)connection reports `all` once listening: what
 * was sent while it was down is unknown, so caches drop everything (the TTLs bound staleness while it is down).
 */
export function pgChangeFeed(sql: Sql): { watch(listener: (change: StorageChange) => void): () => void; close(): Promise<void> } {
  const listeners = new Set<(change: StorageChange) => void>();
  const emit = (change: StorageChange) => {
    for (const l of listeners) l(change);
  };
  let listening: Promise<{ unlisten(): Promise<void> }> | undefined;
  return {
    watch(listener) {
      listeners.add(listener);
      listening ??= sql.listen(CHANGES_CHANNEL, (payload) => emit(parseChange(payload)), () => emit({ kind: 'all' }));
      // A failed LISTEN leaves the TTLs as the bound; the client retries on its next reconnection.
      listening.catch(() => {});
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await listening?.then((l) => l.unlisten()).catch(() => {});
    },
  };
}
