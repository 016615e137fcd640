// Starts the demo: the collector (built CLI, embedded SQLite in .waymark/demo.db) on :8787 and the
// example pages (script tag, onboarding) on :8080, both on 127.0.0.1; the dashboard is the collector's
// /dashboard page. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReactExample } from '../examples/react-onboarding/build.mjs';
import { createExamplesServer } from './examples-server.mjs';

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
    env: { ...process.env, WAYMARK_WRITE_KEY: writeKey, WAYMARK_SECRET_KEY: secretKey, WAYMARK_IDENTITY_VERIFICATION: '1', WAYMARK_CORS_ORIGINS: `http://127.0.0.1:${pagesPort},http://localhost:${pagesPort}` },
  },
);

await buildReactExample();
const pages = createExamplesServer({ host, writeKey }, { secretKey });

pages.listen(pagesPort, '127.0.0.1', () => {
  console.log(`\nWaymark demo
  collector     ${host}   (write key ${writeKey}, secret key ${secretKey}, db .waymark/demo.db)
  script tag    http://127.0.0.1:${pagesPort}/script-tag/
  onboarding    http://127.0.0.1:${pagesPort}/onboarding/
  React         http://127.0.0.1:${pagesPort}/react-onboarding/
  dashboard     ${host}/dashboard#key=${secretKey}
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
