/** GET /v1/status: a user's facts snapshot, lifecycle status and segments, with ETag revalidation. */
import { emptyFacts, evaluateStatus, type Facts } from '@waymark/core';
import type { Context, Hono } from 'hono';
import { createUserHashVerifier, presentedKey, projectForWriteKey, type AppEnv } from '../auth.js';
import { clientIpOf } from '../config.js';
import type { AppDeps } from '../deps.js';
import { corsHeadersFor, projectAllowsOrigin, withCors, type CorsHeaders } from '../http/cors.js';
import { matchesEtag } from '../profile/etag-for.js';
import { statusRulesOf, type CachedConfig } from '../profile/project-config-cache.js';
import { segmentsFor } from '../profile/segments-for.js';
import { createStatusAnswerMemo } from '../profile/status-answer-memo.js';
import { createVisibleFacts } from '../profile/visible-facts.js';
import type { ProfileQuery, ProfileView, Project } from '../storage/storage.js';

/** Shared by every reader without a profile; facts values are never mutated. */
const EMPTY_FACTS: Facts = emptyFacts();

/*
 * The hot path (a known key, a cached config, an adapter with `readProfileNow`) waits for nothing: the route
 * returns a plain Response in the same turn, which @hono/node-server writes at once with plain headers, without
 * a Headers object, an await or a per-request close listener. Anything not at hand makes it a promise instead.
 * The route sets its own CORS headers (app.ts puts no middleware in front of it), the same ones `cors()` sets.
 */

/** One status read: its context, clock and the CORS headers every answer of it carries. */
interface Read {
  c: Context<AppEnv>;
  nowMs: number;
  origin: string | undefined;
  cors: CorsHeaders;
}

type Answer = Response | Promise<Response>;

export function registerStatus(app: Hono<AppEnv>, deps: AppDeps): void {
  const { storage, config } = deps;
  const ipLimited = config.ipRateLimit !== false && config.ipRateLimit.ratePerSec > 0;
  const verify = createUserHashVerifier();
  const memo = createStatusAnswerMemo();
  const visibleFacts = createVisibleFacts();

  const start = (r: Read): Answer => {
    const { c } = r;
    if (ipLimited) {
      const ip = clientIpOf(c, config);
      const ipWait = ip === undefined ? 0 : deps.ipLimiter.take(`ip:${ip}`, r.nowMs);
      if (ipWait) return c.json({ error: 'rate_limited', reason: 'too many requests from this address' }, 429, { 'Retry-After': String(ipWait), ...r.cors });
    }
    // A query-string key lets a browser read status without a preflight.
    const q = c.req.query();
    const key = presentedKey(c) ?? q.writeKey;
    const project = key === undefined ? undefined : deps.projects.cachedWriteKeyProject(key);
    if (project) return forProject(r, q, project);
    return projectForWriteKey(deps.projects, key).then((auth) =>
      'status' in auth ? c.json({ error: auth.status === 401 ? 'unauthorized' : 'forbidden', reason: auth.reason }, auth.status, r.cors) : forProject(r, q, auth.project));
  };

  const forProject = (r: Read, q: Record<string, string>, project: Project): Answer => {
    const { c, cors } = r;
    if (!projectAllowsOrigin(project, r.origin)) return c.json({ error: 'forbidden', reason: 'origin not allowed for this project' }, 403, cors);
    const userId = q.userId || undefined;
    const anonymousId = q.anonymousId || undefined;
    if (!userId && !anonymousId) return c.json({ error: 'bad_request', reason: 'userId or anonymousId is required' }, 400, cors);
    if ((userId?.length ?? 0) > 200 || (anonymousId?.length ?? 0) > 200) return c.json({ error: 'bad_request', reason: 'id longer than 200 characters' }, 400, cors);
    if (userId && project.identityVerification) {
      return verify(project.secretKey, userId, q.userHash).then((verified) => verified
        ? withProfile(r, project, userId, undefined)
        : c.json({ error: 'forbidden', reason: 'identity verification is on: userHash = hex HMAC-SHA256(secret key, userId) is required' }, 403, cors));
    }
    return withProfile(r, project, userId, anonymousId);
  };

  const withProfile = (r: Read, project: Project, userId: string | undefined, anonymousId: string | undefined): Answer => {
    // With verification on, an anonymous id reads only its own data, never the user it was linked to.
    const who: ProfileQuery = userId ? { userId } : { anonymousId: anonymousId!, followLinks: !project.identityVerification };
    const cfg = deps.configs.peek(project.id, r.nowMs);
    if (cfg && storage.readProfileNow) return respond(r, project, userId, anonymousId, storage.readProfileNow(project.id, who), cfg);
    return Promise.all([storage.readProfile(project.id, who), cfg ?? deps.configs.get(project.id, r.nowMs)])
      .then(([profile, config]) => respond(r, project, userId, anonymousId, profile, config));
  };

  const respond = (r: Read, project: Project, userId: string | undefined, anonymousId: string | undefined, profile: ProfileView | null, cfg: CachedConfig): Response => {
    const { nowMs, cors } = r;
    const facts = (profile?.facts as Facts | undefined) ?? EMPTY_FACTS;
    // Evaluated on every read: both depend on the time, so they are never served from a cache.
    const rules = statusRulesOf(cfg);
    const status = evaluateStatus(facts, rules, nowMs);
    const segments = segmentsFor(facts, cfg, nowMs, status.status, rules);
    // Population fields (RFM group, P(alive), persona) from the in-memory index: a map lookup, never an await.
    const profileKey = profile ? (profile.userId !== undefined ? `u:${profile.userId}` : `a:${profile.anonymousId ?? anonymousId}`) : undefined;
    const population = profileKey === undefined ? undefined : deps.population.index.peek(project.id, profileKey, nowMs);
    // Status and segments see every trait; the answer carries only those the project lists (the write key is public).
    const shown = visibleFacts(facts, profile?.factsJson, cfg);
    const found = memo.answer({
      projectId: project.id, askedUserId: userId, anonymousId, facts: shown.facts, factsJson: shown.factsJson, version: profile?.version ?? 0,
      profileUserId: profile?.userId ?? '', answeredUserId: userId ?? profile?.userId, config: cfg, status, segments, population,
    });
    if (matchesEtag(r.c.req.header('if-none-match'), found.etag)) {
      return new Response(null, { status: 304, headers: withCors({ etag: found.etag, 'cache-control': 'private, no-cache' }, cors) });
    }
    const headers = withCors({ etag: found.etag, 'cache-control': 'private, no-cache', 'content-type': 'application/json' }, cors);
    return new Response(memo.body(found, nowMs), { status: 200, headers });
  };

  app.get('/v1/status', (c): Answer => {
    const nowMs = config.nowMs();
    const origin = c.req.header('origin');
    const cors = corsHeadersFor(deps.origins, origin, nowMs);
    return cors instanceof Promise ? cors.then((headers) => start({ c, nowMs, origin, cors: headers })) : start({ c, nowMs, origin, cors });
  });
}
