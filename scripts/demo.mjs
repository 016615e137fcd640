// Starts the demo: the collector (built CLI, embedded SQLite in .waymark/demo.db) on :8787 and the
// example pages (script tag, onboarding) on :8080, both on 127.0.0.1. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const collectorPort = Number(process.env.WAYMARK_PORT ?? 8787);
const pagesPort = Number(process.env.DEMO_PORT ?? 8080);
const writeKey = process.env.WAYMARK_WRITE_KEY ?? 'wk_demo_public';
const secretKey = process.env.WAYMARK_SECRET_KEY ?? 'sk_demo_secret';
const host = `http://127.0.0.1:${collectorPort}`;

mkdirSync(join(root, '.waymark'), { recursive: true });
const collector = spawn(
  process.execPath,
  [join(root, 'packages/collector/dist/node/cli.js'), 'serve', '--port', String(collectorPort), '--db', join(root, '.waymark/demo.db')],
  {
    stdio: 'inherit',
    env: { ...process.env, WAYMARK_WRITE_KEY: writeKey, WAYMARK_SECRET_KEY: secretKey, WAYMARK_CORS_ORIGINS: `http://127.0.0.1:${pagesPort},http://localhost:${pagesPort}` },
  },
);

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };
// /sdk/* is the built SDK; /demo-config.js tells the pages where the collector is; the rest is examples/.
const mounts = [['/sdk/', join(root, 'packages/sdk/dist')], ['/', join(root, 'examples')]];

const pages = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (path === '/demo-config.js') {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    res.end(`window.WAYMARK_DEMO = ${JSON.stringify({ host, writeKey })};\n`);
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

pages.listen(pagesPort, '127.0.0.1', () => {
  console.log(`\nWaymark demo
  collector     ${host}   (write key ${writeKey}, secret key ${secretKey}, db .waymark/demo.db)
  script tag    http://127.0.0.1:${pagesPort}/script-tag/
  onboarding    http://127.0.0.1:${pagesPort}/onboarding/
  Ctrl-C stops both.\n`);
});

const stop = () => {
  pages.close();
  collector.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
collector.on('exit', (code) => {
  pages.close();
  process.exitCode = code ?? 0;
});
