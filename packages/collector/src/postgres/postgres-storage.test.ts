import { afterAll, beforeAll, describe, it } from 'vitest';
import { postgresMissing, startThrowawayPostgres, type ThrowawayPostgres } from '../../../../test/support/throwaway-postgres.mjs';
import { storageContract } from '../storage/storage.contract.js';
import { createPostgresStorage } from './postgres-storage.js';

const missing = postgresMissing();
if (missing) {
  describe('Storage contract: PostgreSQL', () => it.skip(`skipped: ${missing}`, () => {}));
} else {
  let server: ThrowawayPostgres;
  beforeAll(async () => {
    server = await startThrowawayPostgres({ fsync: false });
  }, 60_000);
  afterAll(async () => server?.stop());
  // A fresh database per test: the migrations run on each.
  storageContract('PostgreSQL', async () => createPostgresStorage({ url: await server.createDatabase(), maxConnections: 4 }), { syncReads: false });
}
