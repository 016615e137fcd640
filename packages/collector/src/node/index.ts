export { createSqliteStorage } from './sqlite-storage.js';
export type { SqliteStorageOptions } from './sqlite-storage.js';
export { migrate, MIGRATIONS_DIR } from './migrate.js';
export { parseArgs, USAGE } from '../setup/parse-args.js';
export type { Command, ProjectSeed, ServeOptions } from '../setup/parse-args.js';
export { startServer } from './start-server.js';
export type { RunningServer } from './start-server.js';
export { ensureProjects } from '../setup/ensure-projects.js';
