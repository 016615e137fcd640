import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { seenReducer, storageContract, storedEvent } from '../storage/storage.contract.js';
import { migrate } from './migrate.js';
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

  it('opens in WAL mode with synchronous=FULL by default', async () => {
    const storage = createSqliteStorage({ path: join(dir, 'w.db') });
    expect(storage.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(storage.db.pragma('synchronous', { simple: true })).toBe(2);
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
