/** The unit of work shared by every adapter: store new events, link identities, fold facts incrementally. */
import { anonymousKey, userKey, type BatchTx, type LinkKind } from './batch-tx.js';
import type { WireEvent } from '@waymark/core';
import type { CommitResult, FactsReducer, FactsValue, StoredEvent } from './storage.js';

interface Touched {
  facts: FactsValue;
  /** Events not yet folded into `facts` (folded together: one copy of the facts per batch). */
  pending: WireEvent[];
  version: number;
  state: 'clean' | 'dirty' | 'deleted';
}

/**
 * Runs inside the adapter's transaction. Each touched profile is read once and written once, so a
 * batch of 100 events for one user costs one profile read and one write.
 */
export function applyBatch(store: BatchTx, events: StoredEvent[], reducer: FactsReducer): CommitResult {
  let linkWrites = 0;
  const tx = withLinkCache(store, () => linkWrites++);
  const touched = new Map<string, Touched>();
  const duplicates: string[] = [];
  let accepted = 0;

  const load = (key: string): Touched => {
    let t = touched.get(key);
    if (!t) {
      const stored = tx.getProfile(key);
      t = stored
        ? { facts: stored.facts, pending: [], version: stored.version, state: 'clean' }
        : { facts: reducer.empty(), pending: [], version: 0, state: 'clean' };
      touched.set(key, t);
    }
    return t;
  };
  const exists = (key: string): boolean => {
    const t = touched.get(key);
    return t ? t.state !== 'deleted' && (t.state === 'dirty' || t.version > 0) : tx.getProfile(key) !== undefined;
  };
  const fold = (t: Touched): void => {
    if (t.pending.length === 0) return;
    t.facts = reducer.reduce(t.facts, t.pending);
    t.pending = [];
  };
  const canonical = (userId: string): string => tx.getLink('u', userId) ?? userId;

  // Moves the facts of `fromKey` into the user's profile (a join, so repeating it is harmless).
  const mergeInto = (fromKey: string, userId: string): void => {
    if (!exists(fromKey)) return;
    const from = load(fromKey);
    const to = load(userKey(userId));
    fold(from);
    fold(to);
    to.facts = reducer.merge(to.facts, from.facts);
    to.state = 'dirty';
    from.state = 'deleted';
  };

  const link = (kind: LinkKind, id: string, userId: string, relink: boolean): void => {
    if (kind === 'u' && id === userId) return;
    const current = tx.getLink(kind, id);
    if (current === userId) return;
    if (current !== undefined && !relink) return;
    tx.putLink(kind, id, userId);
    if (kind === 'u') tx.repointLinks(id, userId);
    if (current === undefined || kind === 'u') mergeInto(kind === 'a' ? anonymousKey(id) : userKey(id), userId);
  };

  /**
   * The ids of the last event and the profile they led to. Most events of a batch come from one device with
   * the same ids: while no identity link has been written since, the next such event goes to the same
   * profile without the link lookups. Identify and alias always take the full path (they may relink) and are
   * never the reference (alias links differently).
   */
  let last: { userId?: string; anonymousId?: string; profile: Touched; linkWrites: number } | undefined;
  for (const event of events) {
    if (!tx.insertEvent(event)) {
      duplicates.push(event.messageId);
      continue;
    }
    accepted++;
    const wire = event.wire;
    const plain = wire.type !== 'identify' && wire.type !== 'alias';
    if (plain && last !== undefined && last.linkWrites === linkWrites && last.userId === event.userId && last.anonymousId === event.anonymousId) {
      last.profile.pending.push(wire);
      continue;
    }
    if (wire.type === 'alias' && wire.previousId && event.userId) {
      const target = canonical(event.userId);
      link('u', wire.previousId, target, true);
      link('a', wire.previousId, target, true);
    }
    if (event.userId && event.anonymousId) {
      // Any event carrying both ids links them, an alias too (else, arriving before the device's identify, it would
      // count for the user under the device's source while the anonymous profile counts the same source: the join
      // of the two at identify keeps the larger count, not the sum). Only identify moves an anonymous id to another user.
      link('a', event.anonymousId, canonical(event.userId), wire.type === 'identify');
    }
    const key = event.userId
      ? userKey(canonical(event.userId))
      : profileKeyForAnonymous(tx, event.anonymousId ?? '');
    const profile = load(key);
    if (profile.state === 'deleted') profile.facts = reducer.empty();
    profile.pending.push(wire);
    profile.state = 'dirty';
    if (plain) last = { userId: event.userId, anonymousId: event.anonymousId, profile, linkWrites };
  }

  for (const [key, t] of touched) {
    if (t.state === 'deleted') {
      if (t.version > 0) tx.deleteProfile(key);
    } else if (t.state === 'dirty') {
      fold(t);
      tx.putProfile(key, t.facts, t.version + 1);
    }
  }
  return { accepted, duplicates };
}

function profileKeyForAnonymous(tx: BatchTx, anonymousId: string): string {
  const userId = tx.getLink('a', anonymousId);
  return userId !== undefined ? userKey(userId) : anonymousKey(anonymousId);
}

/** Memoises identity links for one batch: most events of a batch share their ids, so one lookup each. */
function withLinkCache(tx: BatchTx, onWrite: () => void): BatchTx {
  const links = new Map<string, string | undefined>();
  return {
    ...tx,
    getLink(kind, id) {
      const key = `${kind}\u0000${id}`;
      if (links.has(key)) return links.get(key);
      const userId = tx.getLink(kind, id);
      links.set(key, userId);
      return userId;
    },
    putLink(kind, id, userId) {
      onWrite();
      tx.putLink(kind, id, userId);
      links.set(`${kind}\u0000${id}`, userId);
    },
    repointLinks(from, to) {
      onWrite();
      tx.repointLinks(from, to);
      for (const [key, userId] of links) if (userId === from) links.set(key, to);
    },
  };
}
