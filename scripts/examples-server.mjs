// The example pages' HTTP server, shared by the demo and the onboarding end-to-end test: /sdk/ is the built
// SDK, /demo-config.js tells the pages where the collector is (window.WAYMARK_DEMO), the rest is examples/.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/**
 * @param {{ host: string, writeKey: string }} config what the pages get as `window.WAYMARK_DEMO`
 * @param {{ sdkDir?: string }} [options] `sdkDir` @default packages/sdk/dist
 * @returns {import('node:http').Server} not yet listening
 */
export function createExamplesServer(config, { sdkDir = join(root, 'packages/sdk/dist') } = {}) {
  const mounts = [['/sdk/', sdkDir], ['/', join(root, 'examples')]];
  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
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
