/** GET /dashboard: the static dashboard page and its assets (data comes from the secret-key API). */
import type { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import { DASHBOARD_CSS, DASHBOARD_HTML, DASHBOARD_JS } from '../dashboard/dashboard-assets.js';

/** Same-origin only, no inline code, no framing: the page handles a secret key. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

export function registerDashboard(app: Hono<AppEnv>): void {
  const asset = (body: string, type: string) => (c: { body: (b: string, s: 200, h: Record<string, string>) => Response }) =>
    c.body(body, 200, { ...SECURITY_HEADERS, 'Content-Type': type });
  app.get('/dashboard', asset(DASHBOARD_HTML, 'text/html; charset=utf-8'));
  app.get('/dashboard/app.js', asset(DASHBOARD_JS, 'text/javascript; charset=utf-8'));
  app.get('/dashboard/app.css', asset(DASHBOARD_CSS, 'text/css; charset=utf-8'));
}
