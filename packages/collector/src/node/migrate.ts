/** Applies `migrations/*.sql` in name order, once each, recording them in `schema_migrations`. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

/** `migrations/` beside `src/` and `dist/` (both are two levels below the package root). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** Returns the names of the migrations applied by this call. */
export function migrate(db: Database, dir: string = MIGRATIONS_DIR): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at_ms INTEGER NOT NULL)');
  const done = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at_ms) VALUES (?, ?)');
  const applied: string[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    if (done.has(name)) continue;
    const sql = readFileSync(`${dir}/${name}`, 'utf8');
    db.transaction(() => {
      db.exec(sql);
      record.run(name, Date.now());
    }).immediate();
    applied.push(name);
  }
  return applied;
}
