/** Secret-key analytics API: GET /v1/admin/analytics/overview (what the dashboard shows). */
import type { Checklist, Facts, Predicate } from '@waymark/core';
import type { Hono } from 'hono';
import { createOverview } from '../analytics/overview.js';
import { requireSecretKey, type AppEnv } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { statusRulesOf } from '../profile/project-config-cache.js';

const SCAN_PAGE = 1000;
const arrayOr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const recordOr = <T>(v: unknown): Record<string, T> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, T>) : {});

export function registerAnalytics(app: Hono<AppEnv>, deps: AppDeps): void {
  const { storage } = deps;

  /**
   * Folds every profile of the project (O(users), pages of 1,000 rows) with core's functions under the
   * project's stored config. `days` (1-90) sets how many days of daily actives are returned. @default 30
   */
  app.get('/v1/admin/analytics/overview', requireSecretKey(deps.projects), async (c) => {
    if (typeof storage.scanProfiles !== 'function') return c.json({ error: 'not_implemented', reason: 'this storage cannot scan profiles' }, 501);
    const daysParam = c.req.query('days');
    const days = daysParam === undefined ? 30 : Number(daysParam);
    if (!Number.isInteger(days) || days < 1 || days > 90) return c.json({ error: 'bad_request', reason: 'days must be an integer from 1 to 90' }, 400);
    const projectId = c.get('project').id;
    const nowMs = deps.config.nowMs();
    const cfg = await deps.configs.get(projectId, nowMs);
    const statusRules = statusRulesOf(cfg);
    const overview = createOverview({
      nowMs, days, checklists: arrayOr<Checklist>(cfg.config.checklists), segments: recordOr<Predicate>(cfg.config.segments),
      ...(statusRules ? { statusRules } : {}),
    });
    for (let afterKey = ''; ; ) {
      const page = await storage.scanProfiles(projectId, { afterKey, limit: SCAN_PAGE });
      for (const p of page) overview.add(p.facts as Facts, p.key.startsWith('u:'));
      if (page.length < SCAN_PAGE) break;
      afterKey = page[page.length - 1]!.key;
    }
    return c.json({ ...overview.result(), configVersion: cfg.version }, 200, { 'Cache-Control': 'no-store' });
  });
}
