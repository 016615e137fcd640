import { describe, expect, it } from 'vitest';
import { postgresMissing } from '../../../../test/support/throwaway-postgres.mjs';
import { seenReducer, storedEvent } from '../storage/storage.contract.js';
import { createPostgresStorage } from './postgres-storage.js';
import { useThrowawayDatabase } from './throwaway-database.fixture.js';

const missing = postgresMissing();
const P = 'p1';
const seen = (facts: unknown): string[] => (facts as { seen: string[] }).seen;

describe.skipIf(missing)('PostgreSQL commitBatch under concurrency (two pools = two collector processes)', () => {
  const url = useThrowawayDatabase();
  let schemas = 0;

  type PgStorage = Awaited<ReturnType<typeof createPostgresStorage>>;
  const twoProcesses = async (): Promise<[PgStorage, PgStorage]> => {
    const schema = `concurrency_${++schemas}`;
    const a = await createPostgresStorage({ url: url(), schema, maxConnections: 5 });
    const b = await createPostgresStorage({ url: url(), schema, maxConnections: 5 });
    await a.createProject({ id: P, name: 'One', writeKey: `wk_${schema}`, secretKey: `sk_${schema}` });
    return [a, b];
  };

  it('counts all 500 events of 10 batches of 50 for one user sent at once, half through an anonymous id linked to the user', async () => {
    const [a, b] = await twoProcesses();
    try {
      await a.commitBatch(P, [storedEvent('id', { userId: 'amy', anonymousId: 'phone' }, { type: 'identify', event: undefined })], seenReducer);
      // Even batches by user id, odd ones anonymous-only: those reach u:amy through the link, locked without waiting,
      // so they meet the busy key and start again holding it.
      const batches = Array.from({ length: 10 }, (_, i) => Array.from({ length: 50 }, (_, j) =>
        storedEvent(`m${i}-${j}`, i % 2 === 0 ? { userId: 'amy' } : { anonymousId: 'phone' })));
      const results = await Promise.all(batches.map((batch, i) => (i % 2 === 0 ? a : b).commitBatch(P, batch, seenReducer)));
      expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(500);
      expect(seen((await b.readProfile(P, { userId: 'amy' }))?.facts)).toHaveLength(501);
      // Retried after a lost answer, on the other process: counted once, in events and in the profile.
      expect(await b.commitBatch(P, batches[3]!, seenReducer)).toEqual({ accepted: 0, duplicates: batches[3]!.map((e) => e.messageId) });
      expect(seen((await a.readProfile(P, { anonymousId: 'phone', followLinks: true }))?.facts)).toHaveLength(501);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('waits for a linked user\'s profile held by another transaction, then folds into it', async () => {
    const [a, b] = await twoProcesses();
    try {
      await a.commitBatch(P, [storedEvent('id', { userId: 'bo', anonymousId: 'tab' }, { type: 'identify', event: undefined })], seenReducer);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      // Another process holds u:bo (as a batch for bo would) until released.
      const holder = a.sql.begin(async (tx) => {
        await tx`SELECT waymark_lock_keys(${P}, ${['u:bo']}::text[])`;
        locked();
        await held;
      });
      await isLocked;
      let done = false;
      const pending = b.commitBatch(P, [storedEvent('late', { anonymousId: 'tab' })], seenReducer).then((r) => ((done = true), r));
      await new Promise((r) => setTimeout(r, 300));
      expect(done, 'committed while the linked profile was locked').toBe(false);
      release();
      await holder;
      expect(await pending).toEqual({ accepted: 1, duplicates: [] });
      expect(seen((await a.readProfile(P, { userId: 'bo' }))?.facts)).toEqual(['id', 'late']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
