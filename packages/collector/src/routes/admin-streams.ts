/** `GET /v1/admin/streams`: per device stream and tab, the events generated against those stored (secret key; app.ts checks it). */
import type { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import type { AppDeps } from '../deps.js';

const MAX_LIMIT = 1000;

/**
 * Answers the project's totals since the collector started and its tab sequences, most missing first:
 * only those with gaps unless `?all=1`, at most `?limit=` (default 100, at most 1000).
 */
export function registerAdminStreams(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/v1/admin/streams', (c) => {
    const projectId = c.get('project').id;
    const streams = deps.config.metrics.streams;
    const limit = Math.min(MAX_LIMIT, Math.max(1, Number(c.req.query('limit')) || 100));
    const totals = streams.totals().get(projectId) ?? { sequences: 0, generated: 0, received: 0, missing: 0, withGaps: 0 };
    const sequences = streams.sequences(projectId, c.req.query('all') !== '1', limit).map(({ projectId: _p, lastSeenMs, ...s }) => ({
      ...s,
      lastSeenAt: new Date(lastSeenMs).toISOString(),
    }));
    return c.json({ totals, sequences }, 200, { 'Cache-Control': 'no-store' });
  });
}
