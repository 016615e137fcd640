/** GET /v1/config: the project's rule configuration for SDKs (write key), revalidated by ETag from its version. */
import type { Hono } from 'hono';
import { presentedKey, projectForWriteKey, type AppEnv } from '../auth.js';
import { clientIpOf } from '../config.js';
import type { AppDeps } from '../deps.js';
import { projectAllowsOrigin } from '../http/cors.js';
import { matchesEtag } from '../profile/etag-for.js';

/** Strong ETag of a config version (version 0: the project has no stored config yet). */
export const configEtag = (version: number): string => `"cfg-${version}"`;

/**
 * Answers `{ version, config }` (`config` in core's `ProjectConfig` shape, `{}` when none is stored).
 * The config is readable with the public write key: keep nothing secret in it.
 */
export function registerConfig(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/v1/config', async (c) => {
    const { config } = deps;
    const nowMs = config.nowMs();
    const ipWait = deps.ipLimiter.take(`ip:${clientIpOf(c, config) ?? 'unknown'}`, nowMs);
    if (ipWait) return c.json({ error: 'rate_limited', reason: 'too many requests from this address' }, 429, { 'Retry-After': String(ipWait) });
    // The key may come in the query string so that a browser can read without a preflight.
    const auth = await projectForWriteKey(deps.projects, presentedKey(c) ?? c.req.query('writeKey'));
    if ('status' in auth) return c.json({ error: auth.status === 401 ? 'unauthorized' : 'forbidden', reason: auth.reason }, auth.status);
    const { project } = auth;
    if (!projectAllowsOrigin(project, c.req.header('origin'))) return c.json({ error: 'forbidden', reason: 'origin not allowed for this project' }, 403);

    const cached = await deps.configs.get(project.id, nowMs);
    const etag = configEtag(cached.version);
    const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    return c.json({ version: cached.version, config: cached.config }, 200, headers);
  });
}
