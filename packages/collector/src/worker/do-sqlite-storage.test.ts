/**
 * The Storage contract against the Durable Object adapter, run inside workerd (see contract-worker.fixture.ts for why
 * there and not through an RPC bridge): each contract test becomes one test here, run in a fresh object.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { forDurableObject } from './do-migrate.js';
import { bundleWorker, startWorker } from './miniflare.fixture.js';

const bundle = await bundleWorker(fileURLToPath(new URL('./contract-in-workerd/contract-worker.fixture.ts', import.meta.url)));
const mf = startWorker(bundle.code, {}, { durableObjects: { RUNNER: { className: 'ContractRunner', useSQLite: true } } });
afterAll(() => mf.dispose());
const names = (await (await mf.dispatchFetch('http://contract/list')).json()) as string[];

describe('Storage contract in workerd', () => {
  it('registers the whole contract', () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
  });
  for (const [i, name] of names.entries()) {
    it(name, async () => {
      const res = await mf.dispatchFetch(`http://contract/run?test=${encodeURIComponent(name)}&run=${i}`);
      const result = (await res.json()) as { ok: boolean; error?: string; skipped?: boolean };
      // The adapter has the population-segment store: no part of the contract may skip here.
      expect(result.skipped ?? false).toBe(false);
      expect(result.error ?? '').toBe('');
      expect(result.ok).toBe(true);
    });
  }
});

describe('migrations for a Durable Object', () => {
  it('embeds every migrations/*.sql as it is now', () => {
    const script = fileURLToPath(new URL('../../scripts/embed-migrations.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('drops the statements the runtime owns and keeps the schema', () => {
    const sql = 'PRAGMA journal_mode = WAL;\nCREATE TABLE t (a INTEGER);\n  pragma foreign_keys = ON;\nBEGIN;\nINSERT INTO t VALUES (1);\nCOMMIT;';
    expect(forDurableObject(sql)).toBe('CREATE TABLE t (a INTEGER);\nINSERT INTO t VALUES (1);');
  });
});
