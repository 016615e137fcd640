/** Composition root: wires the storage, policies and routes into one Hono app (runtime-agnostic). */
import { Hono } from 'hono';
import { requireSecretKey, type AppEnv } from './auth.js';
import { resolveConfig, type CollectorConfig } from './config.js';
import type { AppDeps } from './deps.js';
import { cors, createOriginPolicy } from './http/cors.js';
import { createProjectLookup } from './http/project-lookup.js';
import { createRateLimiter } from './ops/rate-limiter.js';
import { createProjectConfigCache } from './profile/project-config-cache.js';
import { registerAdmin } from './routes/admin.js';
import { registerAdminConfig } from './routes/admin-config.js';
import { registerAdminStreams } from './routes/admin-streams.js';
import { registerAnalytics } from './routes/analytics.js';
import { registerDashboard } from './routes/dashboard.js';
import { registerConfig } from './routes/config.js';
import { registerIngest } from './routes/ingest.js';
import { registerOpenApi } from './routes/openapi.js';
import { registerOps } from './routes/ops.js';
import { registerPopulation } from './routes/population.js';
import { registerPopulationMembers } from './routes/population-members.js';
import { createPopulationIndex } from './segments/population-index.js';
import { createRecomputeRunner } from './segments/recompute-runner.js';
import { registerPlanViolations } from './routes/plan-violations.js';
import { registerStatus } from './routes/status.js';
import { registerUserLookup } from './routes/user-lookup.js';
import type { Storage } from './storage/storage.js';
import { COLLECTOR_VERSION } from './version.js';

export interface CreateAppOptions {
  storage: Storage;
  /** @default {} (see CollectorConfig for each default) */
  config?: CollectorConfig;
  /** The population index and recompute runner, when the host also recomputes (a Worker's cron). @default created here */
  population?: AppDeps['population'];
}

export function createApp({ storage, config, population }: CreateAppOptions): Hono<AppEnv> {
  const resolved = resolveConfig(config);
  const populationIndex = population?.index ?? createPopulationIndex(storage);
  const deps: AppDeps = {
    storage,
    projects: createProjectLookup(storage, resolved.nowMs),
    config: resolved,
    configs: createProjectConfigCache(storage),
    origins: createOriginPolicy(storage),
    keyLimiter: createRateLimiter(resolved.keyRateLimit),
    ipLimiter: createRateLimiter(resolved.ipRateLimit),
    population: population ?? { index: populationIndex, runner: createRecomputeRunner(storage, populationIndex, resolved.nowMs) },
    ...(config?.facts ? { facts: config.facts } : {}),
  };
  // A project or config changed, maybe in another process on the same database: drop cached copies now, not at their TTL.
  storage.watchChanges?.((change) => {
    if (change.kind !== 'config') [deps.projects, deps.origins].forEach((cache) => cache.invalidate());
    if (change.kind !== 'project') deps.configs.invalidate(change.kind === 'config' ? change.projectId : undefined);
  });
  const app = new Hono<AppEnv>();
  const corsMiddleware = cors(deps.origins, resolved.nowMs);
  // CORS for the routes browsers call (admin routes have none): every preflight and POST under /v1, and GET /v1/config.
  // GET /v1/status, the hot read, adds its CORS headers itself: with no middleware in front, Hono runs it as a lone
  // handler, without a middleware chain (about a tenth of its server time per read).
  app.on(['OPTIONS', 'POST'], '/v1/*', (c, next) => (c.req.path.startsWith('/v1/admin/') ? next() : corsMiddleware(c, next)));
  app.on(['OPTIONS', 'POST'], '/beacon/v1/*', corsMiddleware); // RudderStack's beacon mode
  app.get('/v1/config', corsMiddleware);
  // Every admin route (admin, admin-config, analytics) takes the project's secret key, checked here once.
  app.use('/v1/admin/*', requireSecretKey(deps.projects));

  registerOps(app, deps);
  registerIngest(app, deps);
  registerStatus(app, deps);
  registerAdmin(app, deps);
  registerAdminStreams(app, deps);
  // Status integration: GET /v1/config (write key) and the admin config + nudge lift routes (secret key).
  registerConfig(app, deps);
  registerAdminConfig(app, deps);
  registerPlanViolations(app, deps);
  registerAnalytics(app, deps);
  registerUserLookup(app, deps);
  registerPopulation(app, deps);
  registerPopulationMembers(app, deps);
  registerDashboard(app);
  registerOpenApi(app, COLLECTOR_VERSION);

  app.notFound((c) => c.json({ error: 'not_found', reason: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    resolved.logger.error('unhandled error', { path: c.req.path, error: String(error) });
    return c.json({ error: 'internal', reason: 'unexpected error; retry later' }, 500);
  });
  return app;
}
