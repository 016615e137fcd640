/** The storage a `--db` value names: a `postgres://` URL selects PostgreSQL (imported only then), anything else a SQLite file. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Storage } from '../storage/storage.js';
import { createSqliteStorage } from './sqlite-storage.js';

export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/**
 * @param o.synchronous SQLite only. @default 'full'
 * @param o.streamRetentionDays PostgreSQL only. @default 30
 */
export async function openStorage(o: { db: string; synchronous?: 'full' | 'normal'; streamRetentionDays?: number }): Promise<Storage> {
  if (isPostgresUrl(o.db)) {
    const { createPostgresStorage } = await import('../postgres/postgres-storage.js');
    return createPostgresStorage({ url: o.db, ...(o.streamRetentionDays ? { streamRetentionDays: o.streamRetentionDays } : {}) });
  }
  if (o.db !== ':memory:') mkdirSync(dirname(resolve(o.db)), { recursive: true });
  return createSqliteStorage({ path: o.db, ...(o.synchronous ? { synchronous: o.synchronous } : {}) });
}

/** The --db value for logs: a URL's password replaced by `***`. */
export const redactedDb = (db: string): string => (isPostgresUrl(db) ? db.replace(/^(\w+:\/\/[^:/@]*:)[^@]*@/, '$1***@') : db);
