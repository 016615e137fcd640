/**
 * In-process cache of profile rows (parsed facts, their JSON text and version) for the SQLite adapter, so a
 * status read or a batch touching a known user neither reads the ~20 KB facts column nor parses it again.
 *
 * Coherence: this process's own commits update the cache after COMMIT (see `sqlite-storage.ts`); commits by
 * any other connection change SQLite's `PRAGMA data_version`, which `sync()` checks before every use and
 * which then empties the cache. Entries are shared values: callers never mutate cached facts (core's
 * reducers copy on write).
 */
import type { FactsValue } from '../storage/storage.js';

export interface CachedProfile {
  /**
   * The parsed facts, filled from `json` by the first read that needs them (`factsOf`) and kept. Rows cached by a
   * write leave it undefined: most written profiles are not read before their next write, and an undefined field
   * keeps the cache's old generation at one string per profile instead of the facts' whole object tree (fewer
   * objects for every GC to copy and mark).
   */
  facts: FactsValue | undefined;
  /** `JSON.stringify(facts)`, exactly the stored column text. */
  json: string;
  version: number;
  updatedAtMs: number;
}

/** The row's facts, parsed from its JSON on first use and then shared (callers never mutate facts). */
export const factsOf = (row: CachedProfile): FactsValue => (row.facts ??= JSON.parse(row.json) as FactsValue);

export interface ProfileCache {
  get(projectId: string, key: string): CachedProfile | undefined;
  set(projectId: string, key: string, row: CachedProfile): void;
  delete(projectId: string, key: string): void;
  clear(): void;
  /**
   * Empties the cache when another connection committed since the last call (`dataVersion` = PRAGMA data_version);
   * returns true when it did.
   */
  sync(dataVersion: number): boolean;
}

/** A cached row and whether a read has used it since the last eviction scan passed it. */
interface Slot {
  row: CachedProfile;
  used: boolean;
}

/**
 * Evicts by "second chance" (CLOCK): a read only sets a flag, so the hot path is one map lookup. When the
 * budget is exceeded, the scan goes from the oldest insertion: a used row has its flag cleared and is moved to
 * the back, an unused one goes. (A strict LRU re-inserted the row on every read: two more map operations per status read.)
 *
 * @param maxChars budget of cached JSON text (UTF-16 code units).
 * @default 32_000_000 (about 1,600 heavy profiles of 20 KB, or 30,000 typical ones)
 */
export function createProfileCache(maxChars = 32_000_000): ProfileCache {
  const rows = new Map<string, Slot>();
  let chars = 0;
  let seenVersion: number | undefined;
  const id = (projectId: string, key: string) => `${projectId}\u0000${key}`;
  const drop = (k: string) => {
    const old = rows.get(k);
    if (old) {
      chars -= old.row.json.length;
      rows.delete(k);
    }
  };
  const clear = () => {
    rows.clear();
    chars = 0;
  };
  return {
    get(projectId, key) {
      const slot = rows.get(id(projectId, key));
      if (!slot) return undefined;
      slot.used = true;
      return slot.row;
    },
    set(projectId, key, row) {
      const k = id(projectId, key);
      drop(k);
      if (row.json.length > maxChars) return;
      // A row just written or read from disk counts as used: it survives the first scan that reaches it.
      rows.set(k, { row, used: true });
      chars += row.json.length;
      for (const [oldest, slot] of rows) {
        if (chars <= maxChars) break;
        if (slot.used) {
          slot.used = false;
          rows.delete(oldest);
          rows.set(oldest, slot);
        } else drop(oldest);
      }
    },
    delete: (projectId, key) => drop(id(projectId, key)),
    clear,
    sync(dataVersion) {
      const changed = seenVersion !== undefined && dataVersion !== seenVersion;
      if (changed) clear();
      seenVersion = dataVersion;
      return changed;
    },
  };
}
