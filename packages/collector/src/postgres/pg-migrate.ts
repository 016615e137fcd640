/** Applies `migrations-pg/*.sql` in name order, once each, recorded in `schema_migrations`; one process at a time. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';

/** `migrations-pg/` beside `src/` and `dist/` (both are two levels below the package root). */
export const PG_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations-pg/', import.meta.url));

/** Advisory lock key held while migrating, so collectors starting together apply each migration once. */
const MIGRATION_LOCK = 0x5761796d61726b; // "Waymark"

/** Returns the names of the migrations applied by this call. */
export async function migratePostgres(sql: Sql, dir: string = PG_MIGRATIONS_DIR): Promise<string[]> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at_ms BIGINT NOT NULL)`;
    const done = new Set((await tx<Array<{ name: string }>>`SELECT name FROM schema_migrations`).map((r) => r.name));
    const applied: string[] = [];
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      if (done.has(name)) continue;
      await tx.unsafe(readFileSync(`${dir}/${name}`, 'utf8'));
      await tx`INSERT INTO schema_migrations (name, applied_at_ms) VALUES (${name}, ${Date.now()})`;
      applied.push(name);
    }
    return applied;
  });
}
