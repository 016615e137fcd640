/** CORS with per-project allow-lists: preflights answer for the union, requests are checked per project. */
import type { MiddlewareHandler } from 'hono';
import type { Project, Storage } from '../storage/storage.js';

const ALLOW_HEADERS = 'Content-Type, Authorization, Content-Encoding, If-None-Match, X-Retry-Count';
const EXPOSE_HEADERS = 'ETag, Retry-After';
const PREFLIGHT_MAX_AGE_SEC = '600';

/** True when `origin` is on the list (exact match, case-insensitive) or the list has `*`. */
export function originAllowed(allowList: readonly string[], origin: string): boolean {
  const o = origin.toLowerCase().replace(/\/$/, '');
  return allowList.some((entry) => entry === '*' || entry.toLowerCase().replace(/\/$/, '') === o);
}

export const projectAllowsOrigin = (project: Project, origin: string | undefined): boolean =>
  origin === undefined || originAllowed(project.corsOrigins, origin);

export interface OriginPolicy {
  /** Is `origin` allowed by at least one project (preflights carry no key, so this is all they can know)? */
  anyProjectAllows(origin: string, nowMs: number): Promise<boolean>;
  /** Forget the cached lists (after a project changed). */
  invalidate(): void;
}

export function createOriginPolicy(storage: Storage, ttlMs = 5000): OriginPolicy {
  let cached: { origins: string[]; atMs: number } | undefined;
  return {
    async anyProjectAllows(origin, nowMs) {
      if (!cached || nowMs - cached.atMs > ttlMs) {
        const origins = (await storage.listProjects()).flatMap((p) => p.corsOrigins);
        cached = { origins, atMs: nowMs };
      }
      return originAllowed(cached.origins, origin);
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** The headers that let a browser on `origin` read an answer (and the ETag and Retry-After on it). */
export const corsAnswerHeaders = (origin: string): Record<string, string> => ({
  'Access-Control-Allow-Origin': origin,
  'Access-Control-Expose-Headers': EXPOSE_HEADERS,
  Vary: 'Origin',
});

/**
 * For a route that answers CORS itself instead of through `cors()` (GET /v1/status: without middleware Hono runs
 * it as a lone handler): `corsAnswerHeaders(origin)` when some project allows the origin, undefined when none
 * does. A request without an Origin header gets undefined at once, without a promise.
 */
export function corsHeadersFor(policy: OriginPolicy, origin: string | undefined, nowMs: number): Promise<Record<string, string> | undefined> | undefined {
  if (!origin) return undefined;
  return policy.anyProjectAllows(origin, nowMs).then((allowed) => (allowed ? corsAnswerHeaders(origin) : undefined));
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
