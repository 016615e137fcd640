/** Secret-key analytics API (key checked in app.ts): GET /v1/admin/analytics/overview (what the dashboard shows). */
import type { Facts } from '@waymark/core';
import { issueReason } from '@waymark/core/schema';
import type { Hono } from 'hono';
import { overviewForConfig } from '../analytics/overview-for-config.js';
import { readStoredOverview } from '../analytics/stored-overview.js';
import type { AppEnv } from '../auth.js';
import { overviewQuerySchema } from '../openapi/query-schemas.js';
import type { AppDeps } from '../deps.js';
import type { CachedConfig } from '../profile/project-config-cache.js';

const SCAN_PAGE = 1000;
/**
 * How long one project's overview is reused (its `asOf` says when it was computed): every open dashboard asks
 * every 10 s, and one fold costs about 13 µs per profile (270 ms for 20,000 on the dev machine).
 */
const OVERVIEW_REUSE_MS = 10_000;
/** Oldest overview answered while a newer fold runs (older: the ask waits for the fold). */
const OVERVIEW_STALE_MS = 10 * 60_000;

interface Folding {
  atMs: number;
  body: Promise<object>;
  done: boolean;
  /** The fold started because this one grew older than OVERVIEW_REUSE_MS. */
  next?: Folding;
}
/** Lets the requests waiting on the event loop (ingest above all) run between two pages of the fold. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function registerAnalytics(app: Hono<AppEnv>, deps: AppDeps): void {
  const { storage } = deps;
  const recent = new Map<string, Folding>();

  /**
   * Answers the overview the last population recompute stored (its `asOf` says when; one row read, whatever
   * the number of users), or a newer fold of this process. With none stored yet, or `fresh=1`, folds every
   * profile of the project (O(users), pages of 1,000 rows) with core's functions under the project's stored
   * config. `days` (1-90) sets how many days of daily actives are returned. @default 30
   */
  app.get('/v1/admin/analytics/overview', async (c) => {
    if (typeof storage.scanProfiles !== 'function') return c.json({ error: 'not_implemented', reason: 'this storage cannot scan profiles' }, 501);
    const query = overviewQuerySchema.safeParse(c.req.query());
    if (!query.success) return c.json({ error: 'bad_request', reason: `days must be an integer from 1 to 90 (${issueReason(query.error)})` }, 400);
    const { days } = query.data;
    const fresh = query.data.fresh === '1';
    const projectId = c.get('project').id;
    const nowMs = deps.config.nowMs();
    const cfg = await deps.configs.get(projectId, nowMs);
    // Concurrent and repeated asks share one fold while it is recent and the config unchanged. Past that, the
    // last fold is answered at once (its `asOf` says when) while the next one runs, so a dashboard over a large
    // project draws without waiting for a fold; a fold older than OVERVIEW_STALE_MS is not answered any more.
    const key = `${projectId}\u0000${days}\u0000${cfg.version}`;
    if (!fresh) {
      const stored = await readStoredOverview(storage, projectId, days);
      const folded = recent.get(key);
      if (folded?.done && stored && folded.atMs > stored.computedAtMs) return c.json(await folded.body, 200, { 'Cache-Control': 'no-store' });
      if (stored) {
        const { computedAtMs: _computedAtMs, ...body } = stored;
        return c.json(body, 200, { 'Cache-Control': 'no-store' });
      }
    }
    const start = (): Folding => {
      const entry: Folding = { atMs: nowMs, body: fold(projectId, cfg, days, nowMs), done: false };
      entry.body.then(() => {
        entry.done = true;
        recent.set(key, entry);
      }, () => {
        if (recent.get(key) === entry) recent.delete(key); // a failed fold is not reused
      });
      return entry;
    };
    let hit = recent.get(key);
    if (hit && nowMs - hit.atMs > OVERVIEW_REUSE_MS) {
      if (hit.done && nowMs - hit.atMs <= OVERVIEW_STALE_MS) {
        const stale = hit;
        if (!stale.next) {
          stale.next = start();
          stale.next.body.catch(() => (stale.next = undefined));
        }
        if (fresh) hit = stale.next; // the caller asked to wait for it (the dashboard's Refresh)
      } else hit = undefined;
    }
    if (!hit) {
      for (const [k, v] of recent) if (nowMs - v.atMs > OVERVIEW_STALE_MS) recent.delete(k);
      hit = start();
      recent.set(key, hit);
    }
    return c.json(await hit.body, 200, { 'Cache-Control': 'no-store' });
  });

  async function fold(projectId: string, cfg: CachedConfig, days: number, nowMs: number): Promise<object> {
    const overview = overviewForConfig(cfg, nowMs, days);
    for (let afterKey = ''; ; ) {
      const page = await storage.scanProfiles!(projectId, { afterKey, limit: SCAN_PAGE });
      for (const p of page) overview.add(p.facts as Facts, p.key.startsWith('u:'));
      if (page.length < SCAN_PAGE) break;
      afterKey = page[page.length - 1]!.key;
      await yieldToEventLoop();
    }
    return { ...overview.result(), configVersion: cfg.version };
  }
}
