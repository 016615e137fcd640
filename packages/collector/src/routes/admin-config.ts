/** Secret-key admin routes (key checked in app.ts) for the rule configuration (checklists, nudges, status rules, segments) and nudge lift. */
import type { ProjectConfig } from '@waymark/core';
import { issueReason, projectConfigSchema } from '@waymark/core/schema';
import type { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { readJsonBody } from '../http/read-json-body.js';
import { matchesEtag } from '../profile/etag-for.js';
import type { Storage } from '../storage/storage.js';
import { configEtag } from './config.js';
import { LIFT_EVENTS, nudgeLift, type LiftEvent } from './nudge-lift.js';

/** Largest accepted config document. */
const MAX_CONFIG_BYTES = 256 * 1024;
const SCAN_PAGE = 1000;

const nudgeIdOf = (payload: string): string | undefined => {
  try {
    const id = (JSON.parse(payload) as { properties?: { nudgeId?: unknown } }).properties?.nudgeId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
};

/** The nudge events (and the goal event) of the project, with the person each belongs to. */
async function liftEvents(storage: Storage, projectId: string, goal: string | undefined): Promise<LiftEvent[]> {
  const nudgeNames = new Set<string>(Object.values(LIFT_EVENTS));
  const names = [...nudgeNames, ...(goal && !nudgeNames.has(goal) ? [goal] : [])];
  const out: LiftEvent[] = [];
  for (let afterSeq = 0; ; ) {
    const page = await storage.scanEvents!(projectId, { names, afterSeq, limit: SCAN_PAGE });
    for (const e of page) {
      if (!e.name || (!e.userId && !e.anonymousId)) continue;
      const nudgeId = nudgeNames.has(e.name) ? nudgeIdOf(e.payload) : undefined;
      out.push({ name: e.name, person: e.userId ?? `a:${e.anonymousId}`, timestampMs: e.timestampMs, ...(nudgeId ? { nudgeId } : {}) });
    }
    if (page.length < SCAN_PAGE) return out;
    afterSeq = page[page.length - 1]!.seq;
  }
}

export function registerAdminConfig(app: Hono<AppEnv>, deps: AppDeps): void {
  const { storage } = deps;

  app.get('/v1/admin/config', async (c) => {
    const stored = await storage.getProjectConfig(c.get('project').id);
    const version = stored?.version ?? 0;
    return c.json({ version, config: stored?.config ?? {} }, 200, { ETag: configEtag(version), 'Cache-Control': 'no-store' });
  });

  /** Replaces the whole config (validated); `If-Match: <ETag>` makes it conditional on the version read. */
  app.put('/v1/admin/config', async (c) => {
    const projectId = c.get('project').id;
    // Capped while reading: a huge body is refused after MAX_CONFIG_BYTES, never buffered whole.
    const read = await readJsonBody(c.req.raw, MAX_CONFIG_BYTES);
    if (!read.ok) return c.json({ error: read.status === 413 ? 'too_large' : 'bad_request', reason: read.status === 413 ? `config larger than ${MAX_CONFIG_BYTES} bytes` : read.reason }, read.status);
    const body = read.value;
    const parsed = projectConfigSchema.safeParse(body);
    if (!parsed.success) return c.json({ error: 'invalid_config', reason: issueReason(parsed.error), issues: parsed.error.issues.slice(0, 20) }, 400);
    const ifMatch = c.req.header('if-match');
    if (ifMatch) {
      const current = configEtag((await storage.getProjectConfig(projectId))?.version ?? 0);
      if (!matchesEtag(ifMatch, current)) return c.json({ error: 'precondition_failed', reason: `config changed since it was read (now ${current})` }, 412);
    }
    const { version } = await storage.putProjectConfig(projectId, parsed.data);
    deps.configs.invalidate(projectId);
    deps.config.logger.info('config updated', { project: projectId, version });
    return c.json({ version, config: parsed.data }, 200, { ETag: configEtag(version) });
  });

  /**
   * Lift of each configured nudge (or `?nudgeId=`): conversion of users shown it against users held out
   * (`Nudge Held Out`, tracked by the SDK). `?goal=<event>` is the conversion event both groups can do.
   */
  app.get('/v1/admin/config/lift', async (c) => {
    const projectId = c.get('project').id;
    if (typeof storage.scanEvents !== 'function') return c.json({ error: 'not_implemented', reason: 'this storage cannot scan events' }, 501);
    const config = ((await storage.getProjectConfig(projectId))?.config ?? {}) as ProjectConfig;
    const only = c.req.query('nudgeId');
    const goal = c.req.query('goal') || undefined;
    const ids = only ? [only] : (config.nudges ?? []).map((n) => n.id);
    const events = ids.length ? await liftEvents(storage, projectId, goal) : [];
    return c.json({ goal: goal ?? null, nudges: nudgeLift(ids, events, goal) }, 200, { 'Cache-Control': 'no-store' });
  });
}
