/** Effects of the status layer: restore from storage, persist (merging other tabs), refresh snapshot and config. */
import type { FactsConfig, WireEvent } from '@waymark/core';
import { CONFIG_KEY, parseCachedConfig, syncConfig, type CachedConfig } from './config-sync.js';
import { sameOwner } from './owner.js';
import { fetchSnapshot } from './snapshot-sync.js';
import { applySnapshot, emptyRecord, foldEvents, forOwner, joinJournaled, mergeStored, parseRecord, RECORD_KEY, type StatusRecord } from './status-record.js';
import type { StatusHost } from './status-host.js';

export interface StatusState {
  record: StatusRecord;
  remote: CachedConfig | undefined;
}

const safe = <T>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);

/** Owns the mutable state; every change goes through here and calls `changed()`. */
export function createStatusSync(host: StatusHost, factsConfig: () => FactsConfig | undefined, changed: () => void) {
  const state: StatusState = { record: emptyRecord(), remote: undefined };
  let restored = false;
  /** Events tracked before the restore, replayed onto the stored facts. */
  let pending: WireEvent[] = [];
  /** Events taken since the last read, folded in at the next read or at the end of the task. */
  let unfolded: WireEvent[] = [];
  let dirty = false;
  let writeQueued = false;
  let saving: Promise<void> | undefined;
  let fetching: Promise<void> | undefined;
  /** Writes of the record not settled yet (an unload would abort them), and whether this page's record is journaled. */
  let writes = 0;
  let journaled = false;
  const { kv, journal } = host;
  const write = () => (
    writes++,
    safe(kv.set(RECORD_KEY, state.record)).finally(() => {
      // Stored (or failed for good: storage then fell back to memory): the journal copy is of no more use.
      if (!--writes && journaled) journal.saveOwn([]), (journaled = false);
    })
  );
  // Hidden, maybe for good, before the record is stored (a reload right after a click aborts its write): a
  // synchronous copy in localStorage, which the next page's restore joins. Every change issues its write before its
  // task ends, so none is missed. Before consent nothing is journaled: storage is memory then, its writes settle at
  // once and the restore is over within the task.
  host.onHidden(() => {
    if (writes || !restored) journal.saveOwn([state.record]), (journaled = true);
  });
  const isOwner = (who: Parameters<typeof sameOwner>[1]) => !!state.record.owner && sameOwner(state.record.owner, who);

  /**
   * Writes the record at once (one write per burst of events, issued before the current task ends), then merges
   * what other tabs stored and writes again.
   */
  const persist = (): Promise<void> => {
    dirty = true;
    if (!restored) return Promise.resolve();
    if (!writeQueued) {
      writeQueued = true;
      void Promise.resolve().then(() => {
        writeQueued = false;
        return write();
      });
    }
    return (saving ??= (async () => {
      while (dirty) {
        dirty = false;
        const stored = parseRecord(await safe(kv.get(RECORD_KEY)));
        // Read `state.record` only now: it may have moved on while the read was pending.
        const merged = mergeStored(state.record, stored);
        const moved = merged !== state.record && JSON.stringify(merged.facts) !== JSON.stringify(state.record.facts);
        state.record = merged;
        if (moved) changed();
        await write();
      }
    })().finally(() => (saving = undefined)));
  };

  /** Folds the events taken since the last read; after an identify (a new user id), fetches that user's snapshot. */
  function drain(): void {
    if (!unfolded.length) return;
    const events = unfolded;
    unfolded = [];
    const before = state.record.owner?.userId;
    state.record = foldEvents(state.record, events, factsConfig());
    const after = state.record.owner?.userId;
    void persist();
    if (restored && after !== undefined && before !== after) void sync.refreshSnapshot(true);
  }

  const sync = {
    state,
    /** False until the stored state has been read. */
    restored: () => restored,
    /**
     * Takes a tracked event: it is folded in before the next read (or at the end of the task), so a burst
     * of events costs one copy of the facts; before the restore it is also kept to be replayed.
     */
    fold(event: WireEvent): void {
      if (!restored) pending.push(event);
      if (unfolded.push(event) === 1) void Promise.resolve().then(drain);
      changed();
    },

    /** Reads the stored record and config; events tracked meanwhile are replayed onto the stored facts. */
    async restore(): Promise<void> {
      const [stored, cached] = await Promise.all([safe(kv.get(RECORD_KEY)), safe(kv.get(CONFIG_KEY))]);
      state.remote = parseCachedConfig(cached);
      // A hash the app gave before the restore (identify at page load) is kept; it only serves its user id.
      const { userHash } = state.record;
      // Records journaled by pages unloaded before their write settled. Their entries go at once: until the joined
      // record is stored, this page journals it in turn if hidden.
      const left = journal.leftovers();
      let record = parseRecord(stored) ?? emptyRecord();
      for (const entry of left) entry.remove(), (record = joinJournaled(record, entry.events[0]));
      state.record = foldEvents({ ...record, ...(userHash && { userHash }) }, pending, factsConfig());
      unfolded = []; // all in `pending`
      restored = true;
      if (pending.length || left.length) void persist();
      pending = [];
      changed();
    },

    /** The record as seen by the tracker's current user (a logout or reset starts afresh at once). */
    current(): StatusRecord {
      drain();
      const who = host.user();
      const record = forOwner(state.record, who);
      if (record !== state.record) {
        const switched = state.record.owner && !isOwner(who);
        state.record = record;
        if (restored) {
          void persist();
          if (switched) void sync.refreshSnapshot(true);
        }
      }
      return state.record;
    },

    /** Drops the user's state from memory and storage (opt-out, erasure); the config cache stays. */
    async forget(): Promise<void> {
      state.record = emptyRecord();
      unfolded = [];
      dirty = false;
      await saving;
      await safe(kv.delete(RECORD_KEY));
      changed();
    },

    setUserHash(userId: string, hash: string): void {
      state.record = { ...state.record, userHash: { userId, hash } };
      void persist();
    },

    /** Fetches `GET /v1/status` for the current user unless a recent one is cached (or `force`). */
    refreshSnapshot(force: boolean, maxAgeMs = 0): Promise<void> {
      if (fetching) return fetching.then(() => (force ? sync.refreshSnapshot(false) : undefined));
      const { owner, checkedAtMs, userHash, asOf, snapshotEtag } = sync.current();
      const who = owner ?? host.user();
      if (!force && checkedAtMs !== undefined && host.now() - checkedAtMs < maxAgeMs) return Promise.resolve();
      return (fetching = (async () => {
        const snapshot = await fetchSnapshot(host, who, userHash?.userId === who.userId ? userHash?.hash : undefined, asOf && snapshotEtag);
        // Failed, or the device has since moved to another person: nothing to keep.
        if (snapshot === undefined || !isOwner(who)) return;
        state.record = snapshot ? applySnapshot(state.record, who, snapshot, host.now()) : { ...state.record, checkedAtMs: host.now() };
        await persist();
        if (snapshot) changed();
      })()
        .catch(() => undefined)
        .finally(() => (fetching = undefined)));
    },

    /** Revalidates the collector's config; `changed()` when a new version arrived. */
    async refreshConfig(): Promise<void> {
      const before = state.remote;
      state.remote = await syncConfig(host, before).catch(() => before);
      if (state.remote?.etag !== before?.etag || state.remote?.version !== before?.version) changed();
    },
  };
  return sync;
}

export type StatusSync = ReturnType<typeof createStatusSync>;
