/** Operations: /healthz proves the write path, /metrics exposes Prometheus text. */
import type { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import type { AppDeps } from '../deps.js';

export function registerOps(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/healthz', async (c) => {
    try {
      await deps.storage.checkWrite(deps.config.nowMs());
      return c.json({ ok: true });
    } catch (error) {
      deps.config.logger.error('health check failed', { error: String(error) });
      return c.json({ ok: false, reason: 'database write failed' }, 503);
    }
  });
  app.get('/metrics', async (c) => {
    const stored = deps.storage.streamGaps;
    const streamTotals = stored && (await stored.totals().catch((error: unknown) => {
      deps.config.logger.error('stream gap totals unreadable', { error: String(error) });
      return new Map(); // the other metrics still answer
    }));
    return c.body(deps.config.metrics.render(streamTotals), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
}
