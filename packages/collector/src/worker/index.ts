/**
 * `@waymark/collector/worker`: the Cloudflare Workers entry. Every request goes to the deployment's
 * `WaymarkCollector` Durable Object, which runs the same `createApp` as the Node entry over its own SQLite.
 * Exports handlers and the object class only: workerd rejects an entry module with other named exports.
 */
import type { ExecutionContext, ScheduledController } from 'cloudflare:workers';
import { collectorStub } from './collector-stub.js';
import { runCron } from './run-cron.js';
import type { WorkerEnv } from './worker-env.js';

export { WaymarkCollector } from './waymark-collector.js';
export type { WorkerEnv } from './worker-env.js';

export default {
  fetch(request: Request, env: WorkerEnv): Promise<Response> {
    return collectorStub(env).fetch(request);
  },
  scheduled(_controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): void {
    ctx.waitUntil(runCron(collectorStub(env)));
  },
};
