import { afterAll, beforeAll, describe, it } from 'vitest';
import { postgresMissing, startThrowawayPostgres, type ThrowawayPostgres } from '../../../../test/support/throwaway-postgres.mjs';
import { storageContract } from '../storage/storage.contract.js';
import { createPostgresStorage } from './postgres-storage.js';

const missing = postgresMissing();
if (missing) {
  describe('Storage contract: PostgreSQL', () => it.skip(`skipped: ${missing}`, () => {}));
} else {
  let server: ThrowawayPostgres;
  let url: string;
  let schemas = 0;
  beforeAll(async () => {
    server = await startThrowawayPostgres({ fsync: false });
    url = await server.createDatabase();
  }, 60_000);
  afterAll(async () => server?.stop());
  // A fresh schema per test (a fresh database costs ~1 s here): the migrations run in each.
  storageContract('PostgreSQL', async () => createPostgresStorage({ url, schema: `contract_${++schemas}`, maxConnections: 4 }), { syncReads: false });
}
