/** The status layer's persistent state for one user and its pure transitions (fold an event, merge a snapshot, merge tabs). */
import { emptyFacts, mergeFacts, reduceEvents, type Facts, type FactsConfig, type WireEvent } from '@waymark/core';
import { eventIdentity, sameOwner } from './owner.js';
import type { Population, ServerSnapshot } from './snapshot-sync.js';
import type { StatusIdentity } from './status-host.js';

export const RECORD_KEY = 'waymark:status:state';

export interface StatusRecord {
  /** Whose facts these are (unset until the first event or identity is known). */
  owner?: StatusIdentity;
  /** This device's facts joined with every server snapshot received for the owner. */
  facts: Facts;
  /** Server-computed segments from the latest snapshot. */
  segments: string[];
  /** `asOf` of the latest server snapshot merged in. */
  asOf?: string;
  /** Population fields of the latest snapshot. */
  population?: Population;
  /** When the device last heard from `GET /v1/status` for the owner (ms). */
  checkedAtMs?: number;
  snapshotEtag?: string;
  /** Identity-verification signature of `owner.userId`, given by the app. */
  userHash?: { userId: string; hash: string };
}

export const emptyRecord = (owner?: StatusIdentity): StatusRecord => ({ owner, facts: emptyFacts(), segments: [] });

/** Validates a stored record; anything unexpected (older format, corruption) reads as nothing. */
export const parseRecord = (value: unknown): StatusRecord | undefined =>
  (value as StatusRecord | undefined)?.facts?.v === 1 && Array.isArray((value as StatusRecord).segments) ? (value as StatusRecord) : undefined;

/**
 * The record as seen by `who`: the same one (upgraded to the identified owner) or a fresh one for another
 * person (keeping the identity-verification hash only if it is theirs).
 */
export function forOwner(record: StatusRecord, who: StatusIdentity): StatusRecord {
  const { owner, userHash } = record;
  if (owner && !sameOwner(owner, who)) return { ...emptyRecord(who), userHash: userHash?.userId === who.userId ? userHash : undefined };
  if (owner?.userId === who.userId) return owner?.anonymousId === who.anonymousId ? record : { ...record, owner: who };
  // The visitor just identified: the last snapshot read was the anonymous one, so the user's own is due now (an
  // identify made before the stored record was restored would otherwise wait out the snapshot's max age).
  return { ...record, owner: who, checkedAtMs: undefined, snapshotEtag: undefined };
}

/**
 * Folds tracked events in, in order, starting afresh when an event belongs to another person. Runs of
 * events with the same identity are reduced together (one copy of the facts per run).
 */
export function foldEvents(record: StatusRecord, events: readonly WireEvent[], config: FactsConfig | undefined): StatusRecord {
  let r = record;
  for (let i = 0, j: number; i < events.length; i = j) {
    const first = events[i]!;
    for (j = i + 1; j < events.length && events[j]!.userId === first.userId && events[j]!.anonymousId === first.anonymousId; j++);
    const who = eventIdentity(first);
    if (who) r = forOwner(r, who);
    r = { ...r, facts: reduceEvents(r.facts, events.slice(i, j), config) };
  }
  return r;
}

export const foldEvent = (record: StatusRecord, event: WireEvent, config: FactsConfig | undefined): StatusRecord =>
  foldEvents(record, [event], config);

/** Joins a snapshot fetched for `who`; ignored when the device has since moved to another person. */
export function applySnapshot(record: StatusRecord, who: StatusIdentity, snapshot: ServerSnapshot, nowMs: number): StatusRecord {
  if (!record.owner || !sameOwner(record.owner, who)) return record;
  return {
    ...record,
    facts: mergeFacts(record.facts, snapshot.facts as Facts),
    segments: snapshot.segments,
    population: snapshot.population,
    asOf: snapshot.asOf,
    checkedAtMs: nowMs,
    ...(snapshot.etag ? { snapshotEtag: snapshot.etag } : {}),
  };
}

/** Joins what another tab stored for the same person (each tab's own counters survive the max-merge). */
export function mergeStored(mine: StatusRecord, stored: StatusRecord | undefined): StatusRecord {
  if (!stored?.owner || !mine.owner || !sameOwner(mine.owner, stored.owner)) return mine;
  // Snapshot fields (segments, asOf, ETag) from whichever copy heard from the server last.
  const newer = (stored.asOf ?? '') > (mine.asOf ?? '') ? stored : mine;
  return {
    ...newer,
    owner: mine.owner,
    facts: mergeFacts(mine.facts, stored.facts),
    checkedAtMs: Math.max(mine.checkedAtMs ?? 0, stored.checkedAtMs ?? 0) || undefined,
    userHash: mine.userHash ?? stored.userHash,
  };
}

/**
 * Joins a record that a page hidden before its IndexedDB write had settled saved in its unload journal (a reload
 * or navigation aborts that write). The same person's is joined, which is safe when the stored record already holds
 * what it holds; another person's is ignored; with no owner stored (nothing written yet), it is taken.
 */
export function joinJournaled(record: StatusRecord, journaled: unknown): StatusRecord {
  const j = parseRecord(journaled);
  return record.owner || !j ? mergeStored(record, j) : j;
}
