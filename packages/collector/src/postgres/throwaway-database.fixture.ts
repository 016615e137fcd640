/** A test file's PostgreSQL: one throwaway server (fsync off: durability across power loss is not under test there). */
import { afterAll, beforeAll } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../../test/support/throwaway-postgres.mjs';

/** Registers the suite's hooks that start the server with one empty database and stop it; answers that database's URL once started. */
export function useThrowawayDatabase(): () => string {
  let server: ThrowawayPostgres | undefined;
  let url = '';
  beforeAll(async () => {
    server = await startThrowawayPostgres({ fsync: false });
    url = await server.createDatabase();
  }, 60_000);
  afterAll(async () => server?.stop());
  return () => url;
}
