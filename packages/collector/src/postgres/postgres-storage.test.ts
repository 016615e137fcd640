import { describe, it } from 'vitest';
import { postgresMissing } from '../../../../test/support/throwaway-postgres.mjs';
import { storageContract } from '../storage/storage.contract.js';
import { createPostgresStorage } from './postgres-storage.js';
import { useThrowawayDatabase } from './throwaway-database.fixture.js';

const missing = postgresMissing();
if (missing) {
  describe('Storage contract: PostgreSQL', () => it.skip(`skipped: ${missing}`, () => {}));
} else {
  const url = useThrowawayDatabase();
  let schemas = 0;
  // A fresh schema per test (a fresh database costs ~1 s here): the migrations run in each.
  storageContract('PostgreSQL', async () => createPostgresStorage({ url: url(), schema: `contract_${++schemas}`, maxConnections: 4 }), { syncReads: false });
}
