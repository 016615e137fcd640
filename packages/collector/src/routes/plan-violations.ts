/** GET /v1/admin/plan/violations: the project's tracking-plan violations per event name since the collector started. */
import type { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { trackingPlanOf } from '../profile/project-config-cache.js';

export function registerPlanViolations(app: Hono<AppEnv>, deps: AppDeps): void {
  const sinceMs = deps.config.nowMs();
  app.get('/v1/admin/plan/violations', async (c) => {
    const projectId = c.get('project').id;
    const nowMs = deps.config.nowMs();
    const plan = trackingPlanOf(await deps.configs.get(projectId, nowMs));
    return c.json({
      plan: plan ? { events: Object.keys(plan.events).length, onViolation: plan.onViolation ?? 'reject', allowUnplannedEvents: plan.allowUnplannedEvents ?? false } : null,
      since: new Date(sinceMs).toISOString(),
      violations: deps.config.metrics.planViolations.forProject(projectId).map(({ lastAtMs, ...v }) => ({ ...v, lastAt: new Date(lastAtMs).toISOString() })),
    });
  });
}
