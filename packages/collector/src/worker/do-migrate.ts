/** Applies the embedded migrations to a Durable Object's SQLite database, once each, recorded in `schema_migrations`. */
import type { DurableObjectStorage } from 'cloudflare:workers';
import { MIGRATIONS } from './migrations.generated.js';

/**
 * A Durable Object's SQLite refuses statements that manage the file or the transaction itself (PRAGMA
 * journal_mode / synchronous / wal_*, BEGIN / COMMIT / SAVEPOINT: the runtime owns durability and wraps each
 * migration in `transactionSync`). Such statements, one per line in our migrations, are dropped here; the
 * schema statements are applied unchanged.
 */
export function forDurableObject(sql: string): string {
  return sql
    .split('\n')
    .filter((line) => !/^\s*(PRAGMA|BEGIN|COMMIT|END|SAVEPOINT|RELEASE)\b/i.test(line))
    .join('\n');
}

/** Returns the names of the migrations applied by this call. */
export function migrateDurableObject(storage: DurableObjectStorage, migrations: ReadonlyArray<{ name: string; sql: string }> = MIGRATIONS): string[] {
  const { sql } = storage;
  sql.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at_ms INTEGER NOT NULL)');
  const done = new Set(sql.exec<{ name: string }>('SELECT name FROM schema_migrations').toArray().map((r) => r.name));
  const applied: string[] = [];
  for (const { name, sql: text } of migrations) {
    if (done.has(name)) continue;
    storage.transactionSync(() => {
      sql.exec(forDurableObject(text));
      sql.exec('INSERT INTO schema_migrations (name, applied_at_ms) VALUES (?, ?)', name, Date.now());
    });
    applied.push(name);
  }
  return applied;
}
