/** The Storage port's contract, run against every adapter (memory, SQLite; D1 later). */
import type { WireEvent } from '@waymark/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { segmentStoreContract } from './segment-store.contract.js';
import type { FactsReducer, Storage, StoredEvent } from './storage.js';

/** A join-semilattice stand-in for core facts: the set of messageIds folded in. */
type SeenFacts = { seen: string[] };
export const seenReducer: FactsReducer = {
  empty: () => ({ seen: [] }),
  reduce: (f, events) => ({ seen: [...new Set([...(f as SeenFacts).seen, ...events.map((e) => e.messageId)])].sort() }),
  merge: (a, b) => ({ seen: [...new Set([...(a as SeenFacts).seen, ...(b as SeenFacts).seen])].sort() }),
};

export function storedEvent(messageId: string, who: { userId?: string; anonymousId?: string }, extra: Partial<WireEvent> = {}): StoredEvent {
  const wire: WireEvent = { type: 'track', event: 'Clicked', messageId, timestamp: '2026-11-25T10:00:00.000Z', ...who, ...extra };
  return {
    messageId, type: wire.type, ...who, name: wire.event, timestampMs: Date.parse(wire.timestamp), originalTimestamp: wire.timestamp,
    receivedAtMs: Date.parse(wire.timestamp), payload: JSON.stringify(wire), wire,
  };
}

const seen = (facts: unknown): string[] => (facts as SeenFacts).seen;

export interface ContractOptions {
  /** The adapter implements `readProfileNow` (synchronous reads: memory, better-sqlite3). @default true */
  syncReads?: boolean;
}

export function storageContract(name: string, create: () => Promise<Storage>, options: ContractOptions = {}): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    const P = 'p1';
    beforeEach(async () => {
      storage = await create();
      await storage.createProject({ id: P, name: 'One', writeKey: 'wk_1', secretKey: 'sk_1', corsOrigins: ['https://a.example'] });
      await storage.createProject({ id: 'p2', name: 'Two', writeKey: 'wk_2', secretKey: 'sk_2' });
    });
    afterEach(async () => storage.close());

    it('finds projects by their own kind of key only', async () => {
      expect((await storage.findProjectByWriteKey('wk_1'))?.id).toBe(P);
      expect((await storage.findProjectBySecretKey('sk_1'))?.corsOrigins).toEqual(['https://a.example']);
      expect(await storage.findProjectBySecretKey('wk_1')).toBeNull();
      expect(await storage.findProjectByWriteKey('sk_1')).toBeNull();
      expect((await storage.listProjects()).map((p) => p.id).sort()).toEqual([P, 'p2']);
    });

    it('rotates keys: the old key stops working', async () => {
      await storage.updateProject(P, { writeKey: 'wk_new', secretKey: 'sk_new' });
      expect(await storage.findProjectByWriteKey('wk_1')).toBeNull();
      expect((await storage.findProjectByWriteKey('wk_new'))?.id).toBe(P);
      expect((await storage.findProjectBySecretKey('sk_new'))?.corsOrigins).toEqual(['https://a.example']);
    });

    it('stores each messageId once per project and reports duplicates', async () => {
      const first = await storage.commitBatch(P, [storedEvent('m1', { anonymousId: 'a' }), storedEvent('m1', { anonymousId: 'a' })], seenReducer);
      expect(first).toEqual({ accepted: 1, duplicates: ['m1'] });
      const again = await storage.commitBatch(P, [storedEvent('m1', { anonymousId: 'a' }), storedEvent('m2', { anonymousId: 'a' })], seenReducer);
      expect(again).toEqual({ accepted: 1, duplicates: ['m1'] });
      // Another project has its own messageId space.
      expect(await storage.commitBatch('p2', [storedEvent('m1', { anonymousId: 'a' })], seenReducer)).toEqual({ accepted: 1, duplicates: [] });
      const profile = await storage.readProfile(P, { anonymousId: 'a', followLinks: true });
      expect(seen(profile?.facts)).toEqual(['m1', 'm2']);
      expect(profile?.version).toBe(2);
    });

    it('folds events before identification into the identified user', async () => {
      await storage.commitBatch(P, [storedEvent('a1', { anonymousId: 'anon' }), storedEvent('a2', { anonymousId: 'anon' })], seenReducer);
      await storage.commitBatch(P, [storedEvent('u0', { userId: 'u' })], seenReducer);
      await storage.commitBatch(P, [storedEvent('id', { userId: 'u', anonymousId: 'anon' }, { type: 'identify', event: undefined })], seenReducer);
      const user = await storage.readProfile(P, { userId: 'u' });
      expect(user?.userId).toBe('u');
      expect(seen(user?.facts)).toEqual(['a1', 'a2', 'id', 'u0']);
      // Later anonymous-only events of that device count for the user too.
      await storage.commitBatch(P, [storedEvent('a3', { anonymousId: 'anon' })], seenReducer);
      expect(seen((await storage.readProfile(P, { anonymousId: 'anon', followLinks: true }))?.facts)).toContain('a3');
      // Without following links an anonymous id sees only its own (merged away) profile.
      expect(await storage.readProfile(P, { anonymousId: 'anon', followLinks: false })).toBeNull();
    });

    it('answers readProfileNow exactly as readProfile, for every kind of read', async () => {
      if (options.syncReads ?? true) expect(storage.readProfileNow, 'this adapter reads profiles synchronously').toBeDefined();
      if (!storage.readProfileNow) return;
      await storage.commitBatch(P, [storedEvent('n1', { anonymousId: 'dev' }), storedEvent('n2', { userId: 'amy' })], seenReducer);
      await storage.commitBatch(P, [storedEvent('n3', { userId: 'amy', anonymousId: 'dev' }, { type: 'identify', event: undefined })], seenReducer);
      await storage.commitBatch(P, [storedEvent('n4', { anonymousId: 'solo' })], seenReducer);
      const queries = [{ userId: 'amy' }, { userId: 'nobody' }, { anonymousId: 'dev', followLinks: true }, { anonymousId: 'dev', followLinks: false },
        { anonymousId: 'solo', followLinks: true }, { anonymousId: 'solo', followLinks: false }];
      for (const who of queries) {
        // Twice: the second read may come from the adapter's caches.
        for (let read = 0; read < 2; read++) expect(storage.readProfileNow(P, who), JSON.stringify(who)).toEqual(await storage.readProfile(P, who));
      }
      expect(seen(storage.readProfileNow(P, { anonymousId: 'dev', followLinks: true })?.facts)).toEqual(['n1', 'n2', 'n3']);
    });

    it('links inside one batch: identify then anonymous events', async () => {
      await storage.commitBatch(P, [
        storedEvent('b1', { anonymousId: 'x' }),
        storedEvent('b2', { userId: 'ux', anonymousId: 'x' }, { type: 'identify', event: undefined }),
        storedEvent('b3', { anonymousId: 'x' }),
      ], seenReducer);
      expect(seen((await storage.readProfile(P, { userId: 'ux' }))?.facts)).toEqual(['b1', 'b2', 'b3']);
    });

    it('alias merges the previous id into the new user', async () => {
      await storage.commitBatch(P, [storedEvent('o1', { userId: 'old' }), storedEvent('n1', { userId: 'new' })], seenReducer);
      await storage.commitBatch(P, [storedEvent('al', { userId: 'new' }, { type: 'alias', previousId: 'old', event: undefined })], seenReducer);
      await storage.commitBatch(P, [storedEvent('o2', { userId: 'old' })], seenReducer);
      expect(seen((await storage.readProfile(P, { userId: 'new' }))?.facts)).toEqual(['al', 'n1', 'o1', 'o2']);
      expect(seen((await storage.readProfile(P, { userId: 'old' }))?.facts)).toEqual(['al', 'n1', 'o1', 'o2']);
    });

    it('commits nothing when the unit of work fails part-way', async () => {
      let calls = 0;
      const failing: FactsReducer = { ...seenReducer, reduce: (f, e) => { if (++calls === 2) throw new Error('boom'); return seenReducer.reduce(f, e); } };
      const batch = [storedEvent('f1', { userId: 'u' }), storedEvent('f2', { anonymousId: 'x' })];
      await expect(storage.commitBatch(P, batch, failing)).rejects.toThrow('boom');
      expect(await storage.readProfile(P, { userId: 'u' })).toBeNull();
      expect(await storage.readProfile(P, { anonymousId: 'x', followLinks: true })).toBeNull();
      expect(await storage.commitBatch(P, batch, seenReducer)).toEqual({ accepted: 2, duplicates: [] });
    });

    it('exports a user in pages and deletes everything about them', async () => {
      await storage.commitBatch(P, [
        storedEvent('e1', { anonymousId: 'anon' }),
        storedEvent('e2', { userId: 'u', anonymousId: 'anon' }, { type: 'identify', event: undefined }),
        storedEvent('e3', { userId: 'u' }),
        storedEvent('other', { userId: 'v' }),
      ], seenReducer);
      const page1 = await storage.exportUser(P, 'u', { afterSeq: 0, limit: 2 });
      expect(page1.events.map((e) => e.messageId)).toEqual(['e1', 'e2']);
      expect(page1.links).toEqual([{ kind: 'anonymous', id: 'anon', userId: 'u' }]);
      expect(seen(page1.profile?.facts)).toEqual(['e1', 'e2', 'e3']);
      const page2 = await storage.exportUser(P, 'u', { afterSeq: page1.events[1]!.seq, limit: 2 });
      expect(page2.events.map((e) => e.messageId)).toEqual(['e3']);

      expect(await storage.deleteUser(P, 'u')).toEqual({ events: 3, profiles: 1, identityLinks: 1 });
      expect(await storage.readProfile(P, { userId: 'u' })).toBeNull();
      expect((await storage.exportUser(P, 'u', { afterSeq: 0, limit: 10 })).events).toEqual([]);
      expect(seen((await storage.readProfile(P, { userId: 'v' }))?.facts)).toEqual(['other']);
      expect(await storage.deleteUser(P, 'u')).toEqual({ events: 0, profiles: 0, identityLinks: 0 });
    });

    it('scans one project\'s profiles in key order, page by page, without the merged-away anonymous ones', async () => {
      expect(storage.scanProfiles, 'every built-in adapter scans profiles').toBeDefined();
      if (!storage.scanProfiles) return;
      await storage.commitBatch(P, [
        storedEvent('s1', { userId: 'b' }),
        storedEvent('s2', { anonymousId: 'z' }),
        storedEvent('s3', { anonymousId: 'y' }),
        storedEvent('s4', { anonymousId: 'y', userId: 'a' }, { type: 'identify' }),
        storedEvent('s5', { userId: 'c' }),
      ], seenReducer);
      await storage.commitBatch('p2', [storedEvent('s6', { userId: 'other' })], seenReducer);
      const page1 = await storage.scanProfiles(P, { afterKey: '', limit: 2 });
      expect(page1.map((p) => p.key)).toEqual(['a:z', 'u:a']);
      expect(seen(page1[1]!.facts)).toEqual(['s3', 's4']);
      const page2 = await storage.scanProfiles(P, { afterKey: page1[1]!.key, limit: 2 });
      expect(page2.map((p) => p.key)).toEqual(['u:b', 'u:c']);
      expect(await storage.scanProfiles(P, { afterKey: 'u:c', limit: 2 })).toEqual([]);
      expect(page2[0]!.updatedAtMs).toBeGreaterThan(0);
    });

    it('versions project configs', async () => {
      expect(await storage.getProjectConfig(P)).toBeNull();
      expect(await storage.putProjectConfig(P, { status: { newDays: 3 } })).toEqual({ version: 1 });
      expect(await storage.putProjectConfig(P, { status: { newDays: 5 } })).toEqual({ version: 2 });
      expect(await storage.getProjectConfig(P)).toEqual({ config: { status: { newDays: 5 } }, version: 2 });
      expect(await storage.getProjectConfig('p2')).toBeNull();
    });

    it('proves the write path', async () => {
      await expect(storage.checkWrite(Date.now())).resolves.toBeUndefined();
    });
    segmentStoreContract(() => storage);
  });
}
