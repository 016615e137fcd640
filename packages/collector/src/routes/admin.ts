/** Secret-key admin routes (app.ts checks the key for all of /v1/admin/*): user export (NDJSON), user deletion, key rotation, project settings. */
import type { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { readJsonBody } from '../http/read-json-body.js';
import { generateKey } from '../keys.js';
import type { Project } from '../storage/storage.js';

const EXPORT_PAGE_SIZE = 500;
/** Largest body of a key rotation or project patch (a project's settings are small); larger ones are refused unread. */
const MAX_ADMIN_BODY_BYTES = 64 * 1024;

/** The project as admins see it (keys included: the caller holds the secret key already). */
const projectJson = (p: Project) => ({
  id: p.id, name: p.name, writeKey: p.writeKey, secretKey: p.secretKey, corsOrigins: p.corsOrigins, identityVerification: p.identityVerification,
});

export function registerAdmin(app: Hono<AppEnv>, deps: AppDeps): void {
  const { storage } = deps;
  app.get('/v1/admin/users/:userId/export', async (c) => {
    const projectId = c.get('project').id;
    const userId = c.req.param('userId');
    const enc = new TextEncoder();
    const line = (o: unknown) => enc.encode(`${JSON.stringify(o)}\n`);
    let afterSeq = 0;
    let first = true;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const page = await storage.exportUser(projectId, userId, { afterSeq, limit: EXPORT_PAGE_SIZE });
        if (first) {
          first = false;
          controller.enqueue(line({ type: 'profile', userId, profile: page.profile }));
          for (const l of page.links) controller.enqueue(line({ type: 'identity', ...l }));
        }
        for (const e of page.events) {
          const event = { ...(JSON.parse(e.payload) as object), timestamp: new Date(e.timestampMs).toISOString(),
            originalTimestamp: e.originalTimestamp, sentAt: e.sentAt, receivedAt: new Date(e.receivedAtMs).toISOString() };
          controller.enqueue(line({ type: 'event', event }));
        }
        if (page.events.length < EXPORT_PAGE_SIZE) controller.close();
        else afterSeq = page.events[page.events.length - 1]!.seq;
      },
    });
    return c.body(stream, 200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
  });

  app.delete('/v1/admin/users/:userId', async (c) => {
    const userId = c.req.param('userId');
    const removed = await storage.deleteUser(c.get('project').id, userId);
    deps.config.logger.info('user deleted', { project: c.get('project').id, ...removed });
    return c.json({ userId, removed });
  });

  app.post('/v1/admin/keys/rotate', async (c) => {
    const read = await readJsonBody(c.req.raw, MAX_ADMIN_BODY_BYTES);
    if (!read.ok && read.status === 413) return c.json({ error: 'too_large', reason: read.reason }, 413);
    const body = (read.ok && typeof read.value === 'object' && read.value !== null ? read.value : {}) as { keys?: unknown };
    const which = body.keys === 'write' || body.keys === 'secret' ? body.keys : 'both';
    const patch: { writeKey?: string; secretKey?: string } = {};
    if (which !== 'secret') patch.writeKey = generateKey('write');
    if (which !== 'write') patch.secretKey = generateKey('secret');
    const project = await storage.updateProject(c.get('project').id, patch);
    deps.projects.invalidate();
    deps.config.logger.info('keys rotated', { project: project.id, keys: which });
    return c.json(projectJson(project));
  });

  app.get('/v1/admin/project', (c) => c.json(projectJson(c.get('project'))));

  app.patch('/v1/admin/project', async (c) => {
    const read = await readJsonBody(c.req.raw, MAX_ADMIN_BODY_BYTES);
    if (!read.ok && read.status === 413) return c.json({ error: 'too_large', reason: read.reason }, 413);
    const body = (read.ok ? read.value : null) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return c.json({ error: 'bad_request', reason: 'body must be a JSON object' }, 400);
    const patch: Partial<Project> = {};
    if ('corsOrigins' in body) {
      if (!Array.isArray(body.corsOrigins) || !body.corsOrigins.every((o) => typeof o === 'string' && o.length <= 300)) {
        return c.json({ error: 'bad_request', reason: 'corsOrigins must be an array of origins' }, 400);
      }
      patch.corsOrigins = body.corsOrigins as string[];
    }
    if ('identityVerification' in body) {
      if (typeof body.identityVerification !== 'boolean') return c.json({ error: 'bad_request', reason: 'identityVerification must be a boolean' }, 400);
      patch.identityVerification = body.identityVerification;
    }
    if (typeof body.name === 'string' && body.name.length <= 200) patch.name = body.name;
    const project = await storage.updateProject(c.get('project').id, patch);
    deps.origins.invalidate();
    deps.projects.invalidate();
    return c.json(projectJson(project));
  });
}
