/**
 * A test Worker that runs `storage.contract.ts` inside workerd against the Durable Object adapter. The
 * contract passes reducers (functions) that `applyBatch` calls synchronously inside the object's
 * transaction, so it cannot run in Node behind an RPC bridge; here each test runs in a fresh object.
 */
import { DurableObject, type DurableObjectNamespace } from 'cloudflare:workers';
import { storageContract } from '../../storage/storage.contract.js';
import type { Storage } from '../../storage/storage.js';
import { createDoSqliteStorage } from '../do-sqlite-storage.js';
import { registeredTests, Skipped, testContext } from './vitest-shim.fixture.js';

let current: Storage | undefined;
storageContract('durable object sqlite (in workerd)', async () => current!);

export class ContractRunner extends DurableObject {
  override async fetch(request: Request): Promise<Response> {
    const name = new URL(request.url).searchParams.get('test');
    const test = registeredTests.find((t) => t.name === name);
    if (!test) return Response.json({ error: `no test ${name}` }, { status: 404 });
    current = createDoSqliteStorage(this.ctx.storage);
    try {
      for (const hook of test.before) await hook(testContext);
      try {
        await test.fn(testContext);
      } finally {
        for (const hook of test.after) await hook(testContext);
      }
      return Response.json({ ok: true });
    } catch (error) {
      if (error instanceof Skipped) return Response.json({ ok: true, skipped: true });
      return Response.json({ ok: false, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
    }
  }
}

export default {
  fetch(request: Request, env: { RUNNER: DurableObjectNamespace }): Response | Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/list') return Response.json(registeredTests.map((t) => t.name));
    // A fresh object (and so a fresh database) per run.
    return env.RUNNER.get(env.RUNNER.idFromName(`${url.searchParams.get('test')}#${url.searchParams.get('run')}`)).fetch(request);
  },
};
