/** The Durable Object that runs the collector: `createApp` over its own SQLite storage, one request at a time between awaits. */
import { DurableObject, type DurableObjectState } from 'cloudflare:workers';
import type { Hono } from 'hono';
import { createApp } from '../app.js';
import type { AppEnv } from '../auth.js';
import type { Logger } from '../ops/logger.js';
import { createPopulationIndex } from '../segments/population-index.js';
import type { RecomputeSummary } from '../segments/recompute-project.js';
import { createRecomputeRunner, type RecomputeRunner } from '../segments/recompute-runner.js';
import { ensureProjects } from '../setup/ensure-projects.js';
import type { Storage } from '../storage/storage.js';
import { createDoSqliteStorage } from './do-sqlite-storage.js';
import { CRON_USERS_BOUND } from './run-cron.js';
import type { CollectorRpc, WorkerEnv } from './worker-env.js';
import { workerSettings } from './worker-settings.js';

type Ready = { app: Hono<AppEnv>; storage: Storage; runner: RecomputeRunner; logger: Logger };

export class WaymarkCollector extends DurableObject<WorkerEnv> implements CollectorRpc {
  private readonly ready: Ready | undefined;
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
    // One runner for the routes' on-demand computation and the cron's: a project never recomputes twice at once,
    // and the status reads' population index reloads as soon as a run ends.
    const index = createPopulationIndex(storage);
    const runner = createRecomputeRunner(storage, index, () => Date.now());
    this.ready = { app: createApp({ storage, config: settings.config, population: { index, runner } }), storage, runner, logger: settings.logger };
    // No request runs before the configured projects exist (and their keys are applied).
    void ctx.blockConcurrencyWhile(async () => {
      await ensureProjects(storage, settings.projects, settings.logger);
    });
  }

  override fetch(request: Request): Response | Promise<Response> {
    if (!this.ready) return Response.json({ error: 'misconfigured', reason: this.misconfigured }, { status: 500 });
    return this.ready.app.fetch(request);
  }

  async projectIds(): Promise<string[]> {
    return this.ready ? (await this.ready.storage.listProjects()).map((p) => p.id) : [];
  }

  /**
   * Population recomputation of one project, called by the Worker's Cron Trigger once per project (run-cron.ts):
   * each call is its own request to the object, with its own CPU budget (see the collector's README for the bound).
   */
  async recompute(projectId: string): Promise<RecomputeSummary> {
    if (!this.ready) throw new Error(`misconfigured: ${this.misconfigured}`);
    const summary = await this.ready.runner.run(projectId);
    const fields = { projectId, users: summary.users, eventsScanned: summary.eventsScanned };
    if (summary.users > CRON_USERS_BOUND) this.ready.logger.warn('population recomputed past the measured bound per cron call', { ...fields, bound: CRON_USERS_BOUND });
    else this.ready.logger.info('population recomputed', fields);
    return summary;
  }
}
