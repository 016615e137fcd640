import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { seenReducer, storageContract, storedEvent } from '../storage/storage.contract.js';
import { migrate, MIGRATIONS_DIR } from './migrate.js';
import { createSqliteStorage } from './sqlite-storage.js';

const dir = mkdtempSync(join(tmpdir(), 'waymark-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storageContract('sqlite', async () => createSqliteStorage({ path: join(dir, `c${n++}.db`) }));

describe('sqlite migrations', () => {
  it('applies each migration once and records it', () => {
    const db = new Database(join(dir, 'm.db'));
    expect(migrate(db)).toContain('0001_init.sql');
    expect(migrate(db)).toEqual([]);
    expect(db.prepare('SELECT name FROM schema_migrations').pluck().all()).toContain('0001_init.sql');
    db.close();
  });

  it('keeps existing profiles when 0002 rebuilds the profiles table', () => {
    const v1 = join(dir, 'v1');
    mkdirSync(v1);
    copyFileSync(join(MIGRATIONS_DIR, '0001_init.sql'), join(v1, '0001_init.sql'));
    const db = new Database(join(dir, 'm2.db'));
    migrate(db, v1);
    db.prepare("INSERT INTO profiles (project_id, profile_key, facts, version, updated_at_ms) VALUES ('p', 'u:x', '{\"a\":1}', 3, 9)").run();
    expect(migrate(db)[0]).toBe('0002_profiles_rowid.sql'); // later migrations follow
    expect(db.prepare('SELECT project_id, profile_key, facts, version, updated_at_ms FROM profiles').all()).toEqual([
      { project_id: 'p', profile_key: 'u:x', facts: '{"a":1}', version: 3, updated_at_ms: 9 },
    ]);
    db.close();
  });

  it('opens in WAL mode: FULL inside COMMIT, or by default NORMAL with the WAL synced off the event loop', async () => {
    const inline = createSqliteStorage({ path: join(dir, 'w1.db'), syncOffLoop: false });
    expect(inline.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(inline.db.pragma('synchronous', { simple: true })).toBe(2);
    await inline.close();
    const offLoop = createSqliteStorage({ path: join(dir, 'w2.db') });
    expect(offLoop.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(offLoop.db.pragma('synchronous', { simple: true })).toBe(1); // the sync comes from wal-sync.ts (tested below)
    await offLoop.close();
  });
});

describe('sqlite durable answers (WAL synced off the event loop)', () => {
  const ticks = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };

  it('answers a batch only after the WAL sync that follows its COMMIT', async () => {
    const syncs: Array<(error: NodeJS.ErrnoException | null) => void> = [];
    const storage = createSqliteStorage({ path: join(dir, 'd1.db'), fdatasync: (_fd, done) => void syncs.push(done) });
    const created = storage.createProject({ id: 'p', name: 'p', writeKey: 'w', secretKey: 's' });
    await ticks();
    syncs.shift()!(null);
    await created;
    let answered = false;
    const committed = storage.commitBatch('p', [storedEvent('d1', { userId: 'u' })], seenReducer).then((r) => ((answered = true), r));
    await ticks();
    expect(storage.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1); // committed...
    expect(syncs).toHaveLength(1);
    expect(answered).toBe(false); // ...but not answered before the sync
    syncs.shift()!(null);
    await expect(committed).resolves.toEqual({ accepted: 1, duplicates: [] });
    const closing = storage.close();
    await ticks();
    syncs.shift()?.(null);
    await closing;
  });

  it('fails the batch when the WAL sync fails, then refuses every write until restarted (never a success that may not be durable)', async () => {
    let fail = false;
    const path = join(dir, 'd2.db');
    const fdatasync = (_fd: number, done: (error: NodeJS.ErrnoException | null) => void) => setImmediate(done, fail ? Object.assign(new Error('EIO'), { code: 'EIO' }) : null);
    const storage = createSqliteStorage({ path, fdatasync });
    await storage.createProject({ id: 'p', name: 'p', writeKey: 'w', secretKey: 's' });
    fail = true;
    await expect(storage.commitBatch('p', [storedEvent('d2', { userId: 'u' })], seenReducer)).rejects.toThrow('EIO');
    fail = false;
    // The disk may have dropped what it could not write while a later fsync succeeds: nothing is confirmed any more,
    // and the health check (GET /healthz) fails so that the operator restarts the collector.
    await expect(storage.commitBatch('p', [storedEvent('d3', { userId: 'u' })], seenReducer)).rejects.toThrow(/not known to be durable/);
    await expect(storage.checkWrite(Date.now())).rejects.toThrow(/restart/);
    await storage.close();
    // After the restart SQLite recovers the WAL: a retry of what was committed (this fake disk lost nothing) is a duplicate.
    const restarted = createSqliteStorage({ path, fdatasync });
    await expect(restarted.commitBatch('p', [storedEvent('d2', { userId: 'u' }), storedEvent('d4', { userId: 'u' })], seenReducer))
      .resolves.toEqual({ accepted: 1, duplicates: ['d2'] });
    await restarted.close();
  });

  it('checkpoints from a worker thread: committed pages reach the database file without an auto-checkpoint', async () => {
    const path = join(dir, 'k.db');
    const storage = createSqliteStorage({ path });
    await storage.createProject({ id: 'p', name: 'p', writeKey: 'w', secretKey: 's' });
    const before = statSync(path).size;
    const events = Array.from({ length: 200 }, (_, i) => storedEvent(`k${i}`, { userId: `u${i % 7}` }, { properties: { pad: 'x'.repeat(500) } }));
    await storage.commitBatch('p', events, seenReducer);
    const deadline = Date.now() + 4_000;
    while (statSync(path).size <= before + 100_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(statSync(path).size).toBeGreaterThan(before + 100_000); // far below the 8,000-page backstop
    await storage.close();
  });
});

describe('sqlite group commit', () => {
  it('answers concurrent batches from one transaction, failing only the batch that failed', async () => {
    const storage = createSqliteStorage({ path: join(dir, 'g.db') });
    await storage.createProject({ id: 'p', name: 'p', writeKey: 'w', secretKey: 's' });
    const failing = { ...seenReducer, reduce: () => { throw new Error('bad batch'); } };
    const results = await Promise.allSettled([
      storage.commitBatch('p', [storedEvent('g1', { userId: 'u' })], seenReducer),
      storage.commitBatch('p', [storedEvent('g2', { userId: 'v' })], failing),
      storage.commitBatch('p', [storedEvent('g3', { userId: 'u' }), storedEvent('g1', { userId: 'u' })], seenReducer),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[2]).toEqual({ status: 'fulfilled', value: { accepted: 1, duplicates: ['g1'] } });
    expect(storage.db.prepare('SELECT message_id FROM events ORDER BY seq').pluck().all()).toEqual(['g1', 'g3']);
    await storage.close();
  });
});

describe('sqlite profile cache', () => {
  const seenOf = async (storage: ReturnType<typeof createSqliteStorage>, userId: string) =>
    ((await storage.readProfile('p', { userId }))?.facts as { seen: string[] } | undefined)?.seen;

  it('sees profiles written by another connection', async () => {
    const path = join(dir, 'x.db');
    const storage = createSqliteStorage({ path, externalChangesCheckMs: 0 });
    await storage.createProject({ id: 'p', name: 'p', writeKey: 'w', secretKey: 's' });
    await storage.commitBatch('p', [storedEvent('x1', { userId: 'u' })], seenReducer);
    expect(await seenOf(storage, 'u')).toEqual(['x1']); // now cached
    expect(await storage.readProfile('p', { anonymousId: 'a9', followLinks: true })).toBeNull(); // "no link" cached
    const other = createSqliteStorage({ path });
    await other.commitBatch('p', [storedEvent('x2', { userId: 'u', anonymousId: 'a9' })], seenReducer);
    await other.close();
    expect(await seenOf(storage, 'u')).toEqual(['x1', 'x2']);
    expect((await storage.readProfile('p', { anonymousId: 'a9', followLinks: true }))?.userId).toBe('u');
    await storage.commitBatch('p', [storedEvent('x3', { userId: 'u' })], seenReducer);
    expect(await seenOf(storage, 'u')).toEqual(['x1', 'x2', 'x3']);
    await storage.close();
  });

  it('keeps nothing of a batch that rolled back, and forgets erased users', async () => {
    const storage = createSqliteStorage({ path: join(dir, 'r.db') });
    await storage.createProject({ id: 'p', name: 'p', writeKey: 'w', secretKey: 's' });
    await storage.commitBatch('p', [storedEvent('r1', { userId: 'u' })], seenReducer);
    // The second batch writes u's profile, then fails on the next profile: its savepoint is rolled back.
    const failsLater: typeof seenReducer = { ...seenReducer, reduce: (f, events) => { if (events[0]!.messageId === 'bad') throw new Error('x'); return seenReducer.reduce(f, events); } };
    const results = await Promise.allSettled([
      storage.commitBatch('p', [storedEvent('r2', { userId: 'u' }), storedEvent('bad', { userId: 'v' })], failsLater),
      storage.commitBatch('p', [storedEvent('r3', { userId: 'u' })], seenReducer),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(await seenOf(storage, 'u')).toEqual(['r1', 'r3']);
    expect(storage.db.prepare('SELECT facts FROM profiles WHERE profile_key = ?').pluck().get('u:u')).toBe(JSON.stringify({ seen: ['r1', 'r3'] }));
    await storage.deleteUser('p', 'u');
    expect(await storage.readProfile('p', { userId: 'u' })).toBeNull();
    await storage.close();
  });
});
