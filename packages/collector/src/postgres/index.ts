/** `@waymark/collector/postgres`: the PostgreSQL storage adapter and its migrations, for custom Node servers. */
export { createPostgresStorage, type PostgresStorageOptions } from './postgres-storage.js';
export { migratePostgres, PG_MIGRATIONS_DIR } from './pg-migrate.js';
