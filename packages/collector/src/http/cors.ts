/** CORS with per-project allow-lists: preflights answer for the union, requests are checked per project. */
import type { MiddlewareHandler } from 'hono';
import type { Project, Storage } from '../storage/storage.js';
import { originAllowed } from './origin-allowed.js';

// Beyond our own: RudderStack's XHR transport sends `AnonymousId` and `SentAt` on every event and the `Rsa-*` headers on
// recovered or retried ones (analytics-js v3, XhrQueue plugin `getRequestInfo`): a preflight refusing them would fail
// exactly the retries. `X-Retry-Count` is analytics-next's.
const ALLOW_HEADERS = 'Content-Type, Authorization, Content-Encoding, If-None-Match, X-Retry-Count, AnonymousId, SentAt, '
  + 'Rsa-Recovered, Rsa-Retry-Attempt, Rsa-Since-Last-Attempt, Rsa-Since-First-Attempt, Rsa-Retry-Reason';
const EXPOSE_HEADERS = 'ETag, Retry-After';
const PREFLIGHT_MAX_AGE_SEC = '600';

export const projectAllowsOrigin = (project: Project, origin: string | undefined): boolean =>
  origin === undefined || originAllowed(project.corsOrigins, origin);

export interface OriginPolicy {
  /** Is `origin` allowed by at least one project (preflights carry no key, so this is all they can know)? */
  anyProjectAllows(origin: string, nowMs: number): Promise<boolean>;
  /** `anyProjectAllows` without waiting, while the cached lists are fresh; undefined when they must be read again. */
  anyProjectAllowsNow(origin: string, nowMs: number): boolean | undefined;
  /** Forget the cached lists (after a project changed). */
  invalidate(): void;
}

export function createOriginPolicy(storage: Storage, ttlMs = 5000): OriginPolicy {
  let cached: { origins: string[]; atMs: number } | undefined;
  const now = (origin: string, nowMs: number): boolean | undefined =>
    cached && nowMs - cached.atMs <= ttlMs ? originAllowed(cached.origins, origin) : undefined;
  return {
    async anyProjectAllows(origin, nowMs) {
      const known = now(origin, nowMs);
      if (known !== undefined) return known;
      const origins = (await storage.listProjects()).flatMap((p) => p.corsOrigins);
      cached = { origins, atMs: nowMs };
      return originAllowed(origins, origin);
    },
    anyProjectAllowsNow: now,
    invalidate() {
      cached = undefined;
    },
  };
}

/** The headers that let a browser on `origin` read an answer (and the ETag and Retry-After on it). */
export const corsAnswerHeaders = (origin: string) => ({
  'Access-Control-Allow-Origin': origin,
  'Access-Control-Expose-Headers': EXPOSE_HEADERS,
  Vary: 'Origin',
});

/**
 * Adds `cors` to a plain headers object, one property at a time in a fixed order: every answer then has the same
 * hidden class (a `{ ...headers, ...cors }` spread built a new one per answer, measured).
 */
export function withCors(headers: Record<string, string>, cors: CorsHeaders): Record<string, string> {
  if (cors) {
    headers['Access-Control-Allow-Origin'] = cors['Access-Control-Allow-Origin'];
    headers['Access-Control-Expose-Headers'] = cors['Access-Control-Expose-Headers'];
    headers.Vary = cors.Vary;
  }
  return headers;
}

/** The CORS headers of one answer: `undefined` when it carries none. */
export type CorsHeaders = ReturnType<typeof corsAnswerHeaders> | undefined;

/**
 * For a route that answers CORS itself instead of through `cors()` (GET /v1/status: without middleware Hono runs
 * it as a lone handler): `corsAnswerHeaders(origin)` when some project allows the origin, undefined when none
 * does or there is no Origin header. Without waiting while the allow-lists are cached; a promise when they are read.
 */
export function corsHeadersFor(policy: OriginPolicy, origin: string | undefined, nowMs: number): CorsHeaders | Promise<CorsHeaders> {
  if (!origin) return undefined;
  const headersIf = (allowed: boolean): CorsHeaders => (allowed ? corsAnswerHeaders(origin) : undefined);
  const known = policy.anyProjectAllowsNow(origin, nowMs);
  return known === undefined ? policy.anyProjectAllows(origin, nowMs).then(headersIf) : headersIf(known);
}

export function cors(policy: OriginPolicy, nowMs: () => number): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) {
      if (c.req.method === 'OPTIONS') return c.body(null, 204);
      return next();
    }
    const allowed = await policy.anyProjectAllows(origin, nowMs());
    if (c.req.method === 'OPTIONS') {
      if (!allowed) return c.json({ error: 'forbidden', reason: `origin ${origin} is not allowed` }, 403);
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SEC,
        Vary: 'Origin',
      });
    }
    await next();
    if (allowed) {
      for (const [name, value] of Object.entries(corsAnswerHeaders(origin))) {
        if (name === 'Vary') c.res.headers.append(name, value);
        else c.res.headers.set(name, value);
      }
    }
  };
}
