// The example pages' HTTP server, shared by the demo and the onboarding end-to-end test: /sdk/ is the built
// SDK, /demo-config.js tells the pages where the collector is (window.WAYMARK_DEMO), /demo/user-hash plays the
// app's backend for identity verification, the rest is examples/.
import { createHmac } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/**
 * @param {{ host: string, writeKey: string }} config what the pages get as `window.WAYMARK_DEMO`
 * @param {{ sdkDir?: string, secretKey?: string }} [options] `sdkDir` @default packages/sdk/dist;
 *   `secretKey` signs user ids at /demo/user-hash (never sent to a page) @default none (the endpoint answers 404)
 * @returns {import('node:http').Server} not yet listening
 */
export function createExamplesServer(config, { sdkDir = join(root, 'packages/sdk/dist'), secretKey } = {}) {
  const mounts = [['/sdk/', sdkDir], ['/', join(root, 'examples')]];
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    if (path === '/demo/user-hash' && secretKey) {
      // What an app's backend does for identity verification: sign the id of the user its session has signed in,
      // hex HMAC-SHA256(secret key, userId), so the page may read that user's status. A real backend signs only
      // its logged-in user; this demo has no login and signs any id it is given.
      const userId = url.searchParams.get('userId') ?? '';
      const userHash = createHmac('sha256', secretKey).update(userId).digest('hex');
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ userId, userHash }));
      return;
    }
    if (path === '/demo-config.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(`window.WAYMARK_DEMO = ${JSON.stringify(config)};\n`);
      return;
    }
    for (const [prefix, dir] of mounts) {
      if (!path.startsWith(prefix)) continue;
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(dir)) break;
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) continue;
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
}
