import { countOf, emptyFacts, reduceFacts, type WireEvent } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { applySnapshot, emptyRecord, foldEvent, foldEvents, forOwner, joinJournaled, mergeStored, parseRecord } from './status-record.js';

const ev = (source: string, who: { anonymousId?: string; userId?: string }, event = 'A'): WireEvent => ({
  type: 'track', event, messageId: Math.random().toString(36), timestamp: '2026-11-20T10:00:00.000Z', context: { streamId: source }, ...who,
});
const anon = { anonymousId: 'a1' };
const alice = { anonymousId: 'a1', userId: 'alice' };
const snapshot = (facts = emptyFacts(), asOf = '2026-11-20T11:00:00.000Z') => ({ facts, segments: ['vip'], asOf, etag: '"e"' });

describe('status record transitions', () => {
  it('folds events and starts afresh when another person tracks on the device', () => {
    let r = foldEvent(emptyRecord(), ev('s', anon), undefined);
    r = foldEvent(r, ev('s', alice), undefined);
    expect(r.owner).toEqual(alice);
    expect(countOf(r.facts, 'e:A')).toBe(2);
    r = foldEvent(r, ev('s', { anonymousId: 'a2', userId: 'bob' }), undefined);
    expect(countOf(r.facts, 'e:A')).toBe(1);
  });

  it('makes the snapshot due when the anonymous visitor identifies, keeping the facts (identify before the restore)', () => {
    const checked = { ...applySnapshot(foldEvent(emptyRecord(anon), ev('s', anon), undefined), anon, snapshot(), 5) };
    expect([checked.checkedAtMs, checked.snapshotEtag]).toEqual([5, '"e"']);
    const upgraded = foldEvents(checked, [ev('s', alice)], undefined);
    expect([upgraded.owner, upgraded.checkedAtMs, upgraded.snapshotEtag, countOf(upgraded.facts, 'e:A')]).toEqual([alice, undefined, undefined, 2]);
    // The same person seen again changes nothing.
    expect(forOwner(upgraded, alice)).toBe(upgraded);
  });

  it('keeps the identity-verification hash only for its user', () => {
    const r = { ...emptyRecord(alice), userHash: { userId: 'bob', hash: 'h' } };
    expect(forOwner(r, { anonymousId: 'a1', userId: 'bob' }).userHash).toEqual({ userId: 'bob', hash: 'h' });
    expect(forOwner(r, { anonymousId: 'a9' }).userHash).toBeUndefined();
  });

  it('joins a snapshot for the owner and ignores one fetched for someone else', () => {
    const server = reduceFacts(emptyFacts(), ev('other-device', alice), undefined);
    const r = emptyRecord(alice);
    const joined = applySnapshot(r, alice, snapshot(server), 5);
    expect([countOf(joined.facts, 'e:A'), joined.segments, joined.checkedAtMs, joined.snapshotEtag]).toEqual([1, ['vip'], 5, '"e"']);
    expect(applySnapshot(r, { anonymousId: 'x', userId: 'bob' }, snapshot(server), 5)).toBe(r);
    // Joining the same snapshot twice counts its events once.
    expect(countOf(applySnapshot(joined, alice, snapshot(server), 6).facts, 'e:A')).toBe(1);
  });

  it('merges another tab’s copy: both tabs’ counters, the newer snapshot fields', () => {
    const mine = { ...foldEvent(emptyRecord(alice), ev('tab-1', alice), undefined), asOf: '2026-11-20T09:00:00.000Z', segments: ['old'] };
    const theirs = { ...foldEvent(emptyRecord(alice), ev('tab-2', alice), undefined), asOf: '2026-11-20T12:00:00.000Z', segments: ['new'], checkedAtMs: 9 };
    const merged = mergeStored(mine, theirs);
    expect([countOf(merged.facts, 'e:A'), merged.segments, merged.checkedAtMs]).toEqual([2, ['new'], 9]);
    expect(mergeStored(mine, { ...theirs, owner: { anonymousId: 'z' } })).toBe(mine);
  });

  it.each([[null], [{}], [{ facts: { v: 2 }, segments: [] }], [{ facts: emptyFacts() }]])('reads a stored %j as nothing', (value) => {
    expect(parseRecord(value)).toBeUndefined();
  });
});

describe('foldEvents', () => {
  it('folds a burst in order, starting afresh at a change of person inside it', () => {
    const burst = [ev('s', anon), ev('s', alice), ev('s', alice), ev('s', { anonymousId: 'a2' }), ev('s', { anonymousId: 'a2' })];
    const r = foldEvents(emptyRecord(), burst, undefined);
    expect(r.owner).toEqual({ anonymousId: 'a2' });
    expect(countOf(r.facts, 'e:A')).toBe(2);
    const upTo = foldEvents(emptyRecord(), burst.slice(0, 3), undefined);
    expect([upTo.owner, countOf(upTo.facts, 'e:A')]).toEqual([alice, 3]);
  });
});

describe('joinJournaled: a record a page saved at hide because its IndexedDB write had not settled', () => {
  const dismissed = 'Nudge Dismissed#invite';
  const shown = 'e:Nudge Shown#invite';
  const about = (events: WireEvent[]) => events.map((e) => ({ ...e, properties: { nudgeId: 'invite' } }));
  const stored = foldEvents(emptyRecord(), about([ev('tab', alice, 'Nudge Shown'), ev('tab', alice, 'Nudge Shown')]), undefined);
  // The page then showed the nudge a third time and dismissed it; the write of that record was aborted by the reload.
  const journaled = foldEvents(stored, about([ev('tab', alice, 'Nudge Shown'), ev('tab', alice, 'Nudge Dismissed')]), undefined);

  it('restores what the lost write held: the dismissal and the exact impression count', () => {
    const r = joinJournaled(stored, JSON.parse(JSON.stringify(journaled)));
    expect(r.facts.names[dismissed]).toBeDefined();
    expect(countOf(r.facts, shown)).toBe(3);
    expect(r.owner).toEqual(alice);
  });

  it('never double-counts: the stored record already had it, or the entry is joined twice', () => {
    expect(countOf(joinJournaled(journaled, journaled).facts, shown)).toBe(3);
    expect(countOf(joinJournaled(joinJournaled(stored, journaled), journaled).facts, shown)).toBe(3);
  });

  it('ignores another person’s record and unreadable entries; takes one when nothing was ever stored', () => {
    const bob = foldEvent(emptyRecord(), ev('tab', { anonymousId: 'a9', userId: 'bob' }, 'Nudge Dismissed'), undefined);
    for (const other of [bob, null, undefined, { facts: { v: 2 } }, 'x']) expect(joinJournaled(stored, other)).toBe(stored);
    expect(joinJournaled(emptyRecord(), journaled).facts.names[dismissed]).toBeDefined();
    expect(joinJournaled(emptyRecord(), null)).toEqual(emptyRecord());
  });
});
