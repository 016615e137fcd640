/** A tiny static HTTP server on 127.0.0.1 for browser tests: the built SDK script plus pages the test writes. */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built full SDK; `WAYMARK_SDK_DIST` (a directory) serves another build, e.g. main's, to show a test fails on it. */
export const SDK_IIFE_PATH = join(process.env.WAYMARK_SDK_DIST ?? fileURLToPath(new URL('../../packages/sdk/dist', import.meta.url)), 'waymark.iife.js');

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Serves `html` at `path` from now on. */
  setPage(path: string, html: string): void;
  close(): Promise<void>;
}

/**
 * Serves the built SDK at `/waymark.iife.js` and `/sdk/waymark.iife.js` (read on every request, so a
 * rebuild is picked up; only once `sdkHeld` settles, to test the async snippet; `sdkPath`: another build) and the pages
 * set by the test (`.js` paths as JavaScript, the rest as HTML).
 */
export async function startStaticServer(pages: Record<string, string> = {}, options: { sdkHeld?: Promise<unknown>; sdkPath?: string } = {}): Promise<StaticServer> {
  const routes = new Map(Object.entries(pages));
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/waymark.iife.js' || path === '/sdk/waymark.iife.js') {
      void Promise.resolve(options.sdkHeld).then(() => {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
        res.end(readFileSync(options.sdkPath ?? SDK_IIFE_PATH));
      });
      return;
    }
    const html = routes.get(path);
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setPage: (path, html) => void routes.set(path, html),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A page that loads the script-tag build and starts a tracker as `window.waymark` with `options`
 * (JSON), recording `on('error')` codes in `window.waymarkErrors` and `delivered` ids in `window.waymarkDelivered`.
 */
export function trackerPage(options: Record<string, unknown>, script = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Waymark test page</title>
<script src="/waymark.iife.js"></script>
<script>
  window.waymarkErrors = [];
  window.waymarkDelivered = [];
  window.waymark = Waymark.createWaymark(${JSON.stringify(options)});
  waymark.on('error', function (e) { waymarkErrors.push(e.code); });
  waymark.on('delivered', function (d) { waymarkDelivered.push.apply(waymarkDelivered, d.messageIds); });
  ${script}
</script></head><body><h1>Waymark test page</h1></body></html>`;
}
