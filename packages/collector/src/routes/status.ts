/** GET /v1/status: a user's facts snapshot, lifecycle status and segments, with ETag revalidation. */
import { emptyFacts, evaluateStatus, type Facts } from '@waymark/core';
import type { Hono } from 'hono';
import { presentedKey, projectForWriteKey, verifyUserHash, type AppEnv } from '../auth.js';
import { clientIpOf } from '../config.js';
import type { AppDeps } from '../deps.js';
import { projectAllowsOrigin } from '../http/cors.js';
import { etagFor, matchesEtag } from '../profile/etag-for.js';
import { statusRulesOf } from '../profile/project-config-cache.js';
import { segmentsFor } from '../profile/segments-for.js';

export function registerStatus(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/v1/status', async (c) => {
    const { storage, config } = deps;
    const nowMs = config.nowMs();
    const ip = clientIpOf(c, config);
    const ipWait = ip === undefined ? 0 : deps.ipLimiter.take(`ip:${ip}`, nowMs);
    if (ipWait) return c.json({ error: 'rate_limited', reason: 'too many requests from this address' }, 429, { 'Retry-After': String(ipWait) });
    // A query-string key lets a browser read status without a preflight.
    const q = c.req.query();
    const auth = await projectForWriteKey(deps.projects, presentedKey(c) ?? q.writeKey);
    if ('status' in auth) return c.json({ error: auth.status === 401 ? 'unauthorized' : 'forbidden', reason: auth.reason }, auth.status);
    const { project } = auth;
    if (!projectAllowsOrigin(project, c.req.header('origin'))) return c.json({ error: 'forbidden', reason: 'origin not allowed for this project' }, 403);

    const userId = q.userId || undefined;
    const anonymousId = q.anonymousId || undefined;
    if (!userId && !anonymousId) return c.json({ error: 'bad_request', reason: 'userId or anonymousId is required' }, 400);
    if ((userId?.length ?? 0) > 200 || (anonymousId?.length ?? 0) > 200) return c.json({ error: 'bad_request', reason: 'id longer than 200 characters' }, 400);
    if (userId && project.identityVerification && !(await verifyUserHash(project.secretKey, userId, q.userHash))) {
      return c.json({ error: 'forbidden', reason: 'identity verification is on: userHash = hex HMAC-SHA256(secret key, userId) is required' }, 403);
    }
    // With verification on, an anonymous id reads only its own data, never the user it was linked to.
    const profile = userId
      ? await storage.readProfile(project.id, { userId })
      : await storage.readProfile(project.id, { anonymousId: anonymousId!, followLinks: !project.identityVerification });

    const cfg = await deps.configs.get(project.id, nowMs);
    const facts = (profile?.facts as Facts | undefined) ?? emptyFacts();
    const rules = statusRulesOf(cfg);
    const status = evaluateStatus(facts, rules, nowMs);
    const segments = segmentsFor(facts, cfg, nowMs, status.status, rules);
    const who = userId ? `u:${userId}` : `a:${anonymousId}`;
    const etag = etagFor([project.id, who, profile?.version ?? 0, profile?.userId ?? '', cfg.version, status.status, status.reason, ...segments]);
    const headers = { ETag: etag, 'Cache-Control': 'private, no-cache' };
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);

    // The body is assembled as text so the stored facts JSON is reused, not serialised again (same bytes as JSON.stringify).
    const answeredUserId = userId ?? profile?.userId;
    const factsJson = profile?.factsJson ?? JSON.stringify(facts);
    const body =
      `{${answeredUserId ? `"userId":${JSON.stringify(answeredUserId)},` : ''}${anonymousId ? `"anonymousId":${JSON.stringify(anonymousId)},` : ''}` +
      `"facts":${factsJson},"status":${JSON.stringify(status)},"segments":${JSON.stringify(segments)},"asOf":"${new Date(nowMs).toISOString()}"}`;
    return c.body(body, 200, { ...headers, 'Content-Type': 'application/json' });
  });
}
