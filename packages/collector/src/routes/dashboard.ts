/**
 * GET /dashboard and /dashboard/<file>: the built dashboard (`@waymark/dashboard`, its files embedded as strings
 * by that package's build), served from memory on Node and on the edge alike. Data comes from the secret-key API.
 */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../auth.js';

/** Same-origin only, no inline code, no framing: the page handles a secret key. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

type Assets = Readonly<Record<string, { body: string; type: string }>>;

export function registerDashboard(app: Hono<AppEnv>): void {
  // Loaded on the first request, so the rest of the app never needs the dashboard built (unit tests, scripts).
  let assets: Promise<Assets> | undefined;
  const load = () => (assets ??= import('@waymark/dashboard/assets').then((m) => m.DASHBOARD_ASSETS).catch((error: unknown) => {
    assets = undefined;
    throw error;
  }));
  const serve = async (c: Context<AppEnv>, file: string) => {
    let files: Assets;
    try {
      files = await load();
    } catch {
      return c.json({ error: 'not_built', reason: 'the dashboard is not built (pnpm -r --filter "./packages/**" run build)' }, 503);
    }
    const asset = Object.hasOwn(files, file) ? files[file] : undefined;
    if (!asset) return c.json({ error: 'not_found', reason: `no dashboard file ${c.req.path}` }, 404);
    return c.body(asset.body, 200, { ...SECURITY_HEADERS, 'Content-Type': asset.type });
  };
  app.get('/dashboard', (c) => serve(c, ''));
  app.get('/dashboard/:file', (c) => serve(c, c.req.param('file')));
}
