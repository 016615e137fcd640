/** The Durable Object that runs the collector: `createApp` over its own SQLite storage, one request at a time between awaits. */
import { DurableObject, type DurableObjectState } from 'cloudflare:workers';
import type { Hono } from 'hono';
import { createApp } from '../app.js';
import type { AppEnv } from '../auth.js';
import { ensureProjects } from '../setup/ensure-projects.js';
import { createDoSqliteStorage } from './do-sqlite-storage.js';
import type { WorkerEnv } from './worker-env.js';
import { workerSettings } from './worker-settings.js';

export class WaymarkCollector extends DurableObject<WorkerEnv> {
  private readonly app: Hono<AppEnv> | undefined;
  private readonly misconfigured: string | undefined;

  constructor(ctx: DurableObjectState, env: WorkerEnv) {
    super(ctx, env);
    const settings = workerSettings(env);
    if (!settings.ok) {
      this.misconfigured = settings.reason;
      console.error(JSON.stringify({ level: 'error', msg: 'invalid configuration', reason: settings.reason }));
      return;
    }
    const storage = createDoSqliteStorage(ctx.storage);
    this.app = createApp({ storage, config: settings.config });
    // No request runs before the configured projects exist (and their keys are applied).
    void ctx.blockConcurrencyWhile(async () => {
      await ensureProjects(storage, settings.projects, settings.logger);
    });
  }

  override fetch(request: Request): Response | Promise<Response> {
    if (!this.app) return Response.json({ error: 'misconfigured', reason: this.misconfigured }, { status: 500 });
    return this.app.fetch(request);
  }

  /**
   * Population recomputation, called by the Worker's Cron Trigger. A no-op for now: `recomputeProject` needs the
   * storage's `segments` store, which this adapter does not have yet (see the collector's README).
   */
  async recompute(): Promise<void> {}
}
