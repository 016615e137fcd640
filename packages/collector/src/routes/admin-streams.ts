/** `GET /v1/admin/streams`: per device stream and tab, the events generated against those stored (secret key; app.ts checks it). */
import type { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import type { AppDeps } from '../deps.js';

const MAX_LIMIT = 1000;

/**
 * Answers the project's totals (since the collector started, or, when the storage keeps them, as PostgreSQL does,
 * since the first stored event) and its tab sequences, most missing first: only those with gaps unless `?all=1`,
 * at most `?limit=` (default 100, at most 1000).
 */
export function registerAdminStreams(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/v1/admin/streams', async (c) => {
    const projectId = c.get('project').id;
    const limit = Math.min(MAX_LIMIT, Math.max(1, Number(c.req.query('limit')) || 100));
    const onlyGaps = c.req.query('all') !== '1';
    const stored = deps.storage.streamGaps;
    const memory = deps.config.metrics.streams;
    const [allTotals, list] = stored
      ? await Promise.all([stored.totals(projectId), stored.sequences(projectId, onlyGaps, limit)])
      : [memory.totals(), memory.sequences(projectId, onlyGaps, limit)];
    const totals = allTotals.get(projectId) ?? { sequences: 0, generated: 0, received: 0, missing: 0, withGaps: 0 };
    const sequences = list.map(({ projectId: _p, lastSeenMs, ...s }) => ({
      ...s,
      lastSeenAt: new Date(lastSeenMs).toISOString(),
    }));
    return c.json({ totals, sequences }, 200, { 'Cache-Control': 'no-store' });
  });
}
