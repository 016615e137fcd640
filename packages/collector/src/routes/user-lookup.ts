/** GET /v1/admin/users/:userId (secret key, checked in app.ts): one user's facts, status, segments, onboarding, nudge explanations and recent events. */
import type { Facts } from '@waymark/core';
import type { Hono } from 'hono';
import { summariseUser } from '../analytics/user-summary.js';
import type { AppEnv } from '../auth.js';
import type { AppDeps } from '../deps.js';

/** Recent events listed: the newest of the user's stored events. */
const RECENT_EVENTS = 50;
const PAGE = 500;
/** Pages read at most to reach the newest events (a user with more sees the newest of the first 10,000). */
const MAX_PAGES = 20;

interface RecentEvent { type: string; name: string | null; timestamp: string; messageId: string }

function recentOf(payload: string, messageId: string, timestampMs: number): RecentEvent {
  try {
    const e = JSON.parse(payload) as { type?: unknown; event?: unknown; name?: unknown };
    const name = typeof e.event === 'string' ? e.event : typeof e.name === 'string' ? e.name : null;
    return { type: typeof e.type === 'string' ? e.type : 'unknown', name, timestamp: new Date(timestampMs).toISOString(), messageId };
  } catch {
    return { type: 'unknown', name: null, timestamp: new Date(timestampMs).toISOString(), messageId };
  }
}

export function registerUserLookup(app: Hono<AppEnv>, deps: AppDeps): void {
  const { storage } = deps;
  /** The user's profile by user id, else by anonymous id (following identity links); 404 when neither exists. */
  app.get('/v1/admin/users/:userId', async (c) => {
    const projectId = c.get('project').id;
    const id = c.req.param('userId');
    const nowMs = deps.config.nowMs();
    const profile = (await storage.readProfile(projectId, { userId: id })) ?? (await storage.readProfile(projectId, { anonymousId: id, followLinks: true }));
    if (!profile) return c.json({ error: 'not_found', reason: `no profile for user or anonymous id ${JSON.stringify(id)}` }, 404);
    const cfg = await deps.configs.get(projectId, nowMs);
    const recent: RecentEvent[] = [];
    if (profile.userId) {
      for (let afterSeq = 0, pages = 0; pages < MAX_PAGES; pages++) {
        const page = await storage.exportUser(projectId, profile.userId, { afterSeq, limit: PAGE });
        for (const e of page.events) recent.push(recentOf(e.payload, e.messageId, e.timestampMs));
        if (recent.length > RECENT_EVENTS) recent.splice(0, recent.length - RECENT_EVENTS);
        if (page.events.length < PAGE) break;
        afterSeq = page.events[page.events.length - 1]!.seq;
      }
    }
    // The population models' per-user fields (RFM group, P(alive), persona) from the last recompute, if any.
    const key = profile.userId !== undefined ? `u:${profile.userId}` : `a:${profile.anonymousId ?? id}`;
    const population = (await deps.population.index.all(projectId)).get(key) ?? null;
    const facts = profile.facts as Facts;
    return c.json({
      userId: profile.userId ?? null,
      anonymousId: profile.anonymousId ?? null,
      facts,
      ...summariseUser(facts, cfg, profile.userId ?? profile.anonymousId ?? id, nowMs),
      population,
      recentEvents: recent.reverse(),
      asOf: new Date(nowMs).toISOString(),
    }, 200, { 'Cache-Control': 'no-store' });
  });
}
