/**
 * `BatchTx` over rows read beforehand, recording its writes: adapters whose I/O is async (PostgreSQL) run the
 * one `applyBatch` unchanged as prefetch → pure fold → write plan. Reading a key that was not prefetched throws,
 * so a gap in the prefetch fails the batch loudly instead of folding against a missing row.
 */
import { anonymousKey, userKey, type BatchTx, type LinkKind } from './batch-tx.js';
import type { FactsValue, StoredEvent } from './storage.js';

/** What the adapter read, holding locks on every key in `keys`. */
export interface BatchSnapshot {
  /** `batchKeys(events)` plus `u:<target>` of every link found: the keys whose links and profiles were read. */
  keys: ReadonlySet<string>;
  /** The messageIds this transaction inserted (a batch's first event with each id; the rest are duplicates). */
  inserted: ReadonlySet<string>;
  /** Identity links by `kind:id` (among `keys`); a key absent here has no link. */
  links: ReadonlyMap<string, string>;
  /** Stored profiles by key (among `keys`); a key absent here has no profile. */
  profiles: ReadonlyMap<string, { facts: FactsValue; version: number }>;
}

export type LinkWrite = { op: 'put'; kind: LinkKind; id: string; userId: string } | { op: 'repoint'; from: string; to: string };

export interface BatchWrites {
  /** The final state of every written profile; `null` deletes it. */
  profiles: Map<string, { facts: FactsValue; version: number } | null>;
  /** Link writes in order (a repoint also moves links written earlier in the batch). */
  links: LinkWrite[];
}

/** The profile / link keys a batch may read: `u:<userId>`, `a:<anonymousId>`, and both for an alias's previousId. */
export function batchKeys(events: readonly StoredEvent[]): string[] {
  const keys = new Set<string>();
  for (const e of events) {
    if (e.userId !== undefined) keys.add(userKey(e.userId));
    if (e.anonymousId !== undefined) keys.add(anonymousKey(e.anonymousId));
    if (e.wire.type === 'alias' && e.wire.previousId) keys.add(userKey(e.wire.previousId)).add(anonymousKey(e.wire.previousId));
  }
  return [...keys];
}

export function createPrefetchedTx(snapshot: BatchSnapshot): { tx: BatchTx; writes: BatchWrites } {
  const inserted = new Set(snapshot.inserted);
  const links = new Map(snapshot.links);
  const writes: BatchWrites = { profiles: new Map(), links: [] };
  const known = (what: string, key: string): void => {
    if (!snapshot.keys.has(key)) throw new Error(`applyBatch read the ${what} of ${key}, which the adapter did not prefetch`);
  };
  const tx: BatchTx = {
    // The first call for an inserted id consumes it: a repeat later in the batch is a duplicate.
    insertEvent: (event) => inserted.delete(event.messageId),
    getLink(kind, id) {
      const key = `${kind}:${id}`;
      const userId = links.get(key);
      if (userId === undefined) known('link', key);
      return userId;
    },
    putLink(kind, id, userId) {
      links.set(`${kind}:${id}`, userId);
      writes.links.push({ op: 'put', kind, id, userId });
    },
    repointLinks(from, to) {
      for (const [key, userId] of links) if (userId === from) links.set(key, to);
      writes.links.push({ op: 'repoint', from, to });
    },
    getProfile(key) {
      const written = writes.profiles.get(key);
      if (written !== undefined) return written ?? undefined;
      known('profile', key);
      return snapshot.profiles.get(key);
    },
    putProfile: (key, facts, version) => void writes.profiles.set(key, { facts, version }),
    deleteProfile: (key) => void writes.profiles.set(key, null),
  };
  return { tx, writes };
}
