/**
 * In-process cache of profile rows (parsed facts, their JSON text and version) for the SQLite adapter, so a
 * status read of a user read before neither reads the ~20 KB facts column nor parses it again. Status reads add
 * rows; ingest only refreshes the rows present (see `readRow` in `sqlite-storage.ts`).
 *
 * Coherence: this process's own commits refresh the cache after COMMIT (see `sqlite-storage.ts`); commits by
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
  /** Replaces the row of a key that is cached; a key not cached stays out (write-through for what reads use). */
  refresh(projectId: string, key: string, row: CachedProfile): void;
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
 * budget is exceeded, a hand goes round the rows in insertion order, kept between calls: a used row has its flag
 * cleared and stays, an unused one goes. (A strict LRU re-inserted the row on every read: two more map operations
 * per status read.) The hand is one live Map iterator: restarting the scan at the oldest row on every call, as
 * this cache did before, made each eviction walk past every entry deleted since V8 last rehashed the table (a
 * Map keeps deleted entries as holes until then), which at 100,000 cached profiles took a third of ingest's CPU
 * when every batch brought new users (profiled with `--cpu-prof` under the mixed-user ingest bench).
 *
 * @param maxChars budget of cached JSON text (UTF-16 code units).
 * @default 32_000_000 (about 1,600 heavy profiles of 20 KB, or 30,000 typical ones)
 */
export function createProfileCache(maxChars = 32_000_000): ProfileCache {
  const rows = new Map<string, Slot>();
  let chars = 0;
  let seenVersion: number | undefined;
  /** The clock's hand: live, so rows added or deleted since it was created are seen or skipped correctly. */
  let hand = rows.entries();
  const id = (projectId: string, key: string) => `${projectId}\u0000${key}`;
  const drop = (k: string) => {
    const old = rows.get(k);
    if (old) {
      chars -= old.row.json.length;
      rows.delete(k);
    }
  };
  const evict = () => {
    while (chars > maxChars) {
      let next = hand.next();
      if (next.done) next = (hand = rows.entries()).next(); // round again from the oldest row
      if (next.done) break;
      const [oldest, slot] = next.value;
      if (slot.used) slot.used = false;
      else drop(oldest);
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
      // A row just read from disk counts as used: it survives the first scan that reaches it.
      rows.set(k, { row, used: true });
      chars += row.json.length;
      evict();
    },
    refresh(projectId, key, row) {
      const k = id(projectId, key);
      const slot = rows.get(k);
      if (!slot) return;
      if (row.json.length > maxChars) return drop(k);
      chars += row.json.length - slot.row.json.length;
      slot.row = row;
      evict();
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
