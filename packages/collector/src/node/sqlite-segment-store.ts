/** The SQLite adapter's population-segment store (see segment-store.ts and migration 0015): sql-segment-store.ts over better-sqlite3. */
import type Database from 'better-sqlite3';
import { sqlSegmentStore, type SqlSegmentStore } from '../storage/sql-segment-store.js';

export function sqliteSegmentStore(db: Database.Database): SqlSegmentStore {
  const statements = new Map<string, Database.Statement>();
  const statement = (query: string) => {
    let s = statements.get(query);
    if (!s) statements.set(query, (s = db.prepare(query)));
    return s;
  };
  return sqlSegmentStore({
    all: (query, ...bindings) => statement(query).all(...bindings) as Array<Record<string, unknown>>,
    get: (query, ...bindings) => statement(query).get(...bindings) as Record<string, unknown> | undefined,
    run: (query, ...bindings) => void statement(query).run(...bindings),
    transaction: (fn) => db.transaction(fn).immediate(),
    blob: (bytes) => Buffer.from(bytes),
    bytes: (value) => value as Buffer,
    pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
  });
}
