// Starts the demo: the collector (built CLI, embedded SQLite in .waymark/demo.db) on :8787 and the
// example pages (script tag, onboarding) on :8080, both on 127.0.0.1; the dashboard is the collector's
// /dashboard page. The first run imports a generated sample population into the database through the collector's
// import path before `serve` starts, then runs `recompute` once so the dashboard opens with population results
// (WAYMARK_DEMO_EMPTY=1 starts empty); every run puts PROJECT_CONFIG of examples/shared/onboarding-config.js as
// the project config, so the onboarding pages (GET /v1/config) and the dashboard share one config. Ctrl-C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReactExample } from '../examples/react-onboarding/build.mjs';
import { PROJECT_CONFIG } from '../examples/shared/onboarding-config.js';
import { importPopulation, readMarker, writeMarker } from './demo-load.mjs';
import { createExamplesServer } from './examples-server.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const collectorPort = Number(process.env.WAYMARK_PORT ?? 8787);
const pagesPort = Number(process.env.DEMO_PORT ?? 8080);
const writeKey = process.env.WAYMARK_WRITE_KEY ?? 'wk_demo_public';
const secretKey = process.env.WAYMARK_SECRET_KEY ?? 'sk_demo_secret';
const empty = process.env.WAYMARK_DEMO_EMPTY === '1';
const host = `http://127.0.0.1:${collectorPort}`;
const dataDir = join(root, '.waymark');
const dbPath = join(dataDir, empty ? 'demo-empty.db' : 'demo.db');
const markerPath = `${dbPath}.population.json`;

const cli = join(root, 'packages/collector/dist/node/cli.js');
const collectorEnv = { ...process.env, WAYMARK_WRITE_KEY: writeKey, WAYMARK_SECRET_KEY: secretKey, WAYMARK_IDENTITY_VERIFICATION: '1', WAYMARK_CORS_ORIGINS: `http://127.0.0.1:${pagesPort},http://localhost:${pagesPort}` };

/** The first run imports the sample population (resumed after an interruption); true when it did. */
async function populate() {
  const marker = readMarker(markerPath) ?? { endMs: Date.now(), done: false };
  if (marker.done) return void console.log(`sample population: already loaded (${dbPath.replace(`${root}/`, '')})`);
  writeMarker(markerPath, marker);
  const started = Date.now();
  const totals = await importPopulation({
    dbPath, env: collectorEnv, seed: 42, users: 3000, days: 90, endMs: marker.endMs,
    onProgress: (p) => process.stdout.write(`\rimporting the sample population: ${p.read}/${p.total} events read, ${p.stored} stored`),
  });
  writeMarker(markerPath, { ...marker, done: true });
  process.stdout.write(`\rsample population imported: 3000 people over 90 days, ${totals.stored} events stored (${totals.duplicates} already there, ${totals.rejected} rejected) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return true;
}

mkdirSync(dataDir, { recursive: true });
let imported = false;
try {
  if (!empty) imported = await populate();
} catch (error) {
  console.error(`demo: ${error.message}`);
  process.exit(1);
}
const collector = spawn(process.execPath, [cli, 'serve', '--port', String(collectorPort), '--db', dbPath], {
  // The collector's JSON log goes to a file, so the terminal keeps the progress line and what to try.
  stdio: ['ignore', openSync(join(dataDir, 'collector.log'), 'a'), 'inherit'],
  env: collectorEnv,
});
let stopping = false;
collector.on('exit', (code) => {
  pages.close();
  if (!stopping) console.error(`collector exited (${code})`);
  process.exitCode = code ?? 0;
});

async function waitForCollector() {
  for (let i = 0; i < 150; i++) {
    if (await fetch(`${host}/healthz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the collector did not answer on ${host}/healthz`);
}

/** The shared rule config (checklist, nudges, segments) becomes the project's config, unless it already is. */
async function putConfig() {
  const admin = { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' };
  const wanted = JSON.parse(JSON.stringify(PROJECT_CONFIG));
  const current = await (await fetch(`${host}/v1/admin/config`, { headers: admin })).json();
  if (JSON.stringify(current.config) === JSON.stringify(wanted)) return;
  const res = await fetch(`${host}/v1/admin/config`, { method: 'PUT', headers: admin, body: JSON.stringify(wanted) });
  if (!res.ok) throw new Error(`PUT /v1/admin/config answered ${res.status}: ${await res.text()}`);
}

/** Every population result (the overview among them) under the config just put, so the dashboard opens full. */
function recompute() {
  const started = Date.now();
  const run = spawnSync(process.execPath, [cli, 'recompute', '--db', dbPath, '--json'], { env: collectorEnv, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`recompute failed: ${run.stderr.trim()}`);
  console.log(`population results computed (segments, lifecycle, retention, RFM, churn risk, personas, overview) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

await buildReactExample();
const pages = createExamplesServer({ host, writeKey }, { secretKey });

try {
  await waitForCollector();
  await putConfig();
  if (imported) recompute();
} catch (error) {
  console.error(`demo: ${error.message}`);
  stopping = true;
  collector.kill('SIGTERM');
  process.exit(1);
}

pages.listen(pagesPort, '127.0.0.1', () => {
  console.log(`\nWaymark demo${empty ? ' (empty)' : ''}
  collector     ${host}   (write key ${writeKey}, secret key ${secretKey}, db ${dbPath.replace(`${root}/`, '')}, log .waymark/collector.log)
  script tag    http://127.0.0.1:${pagesPort}/script-tag/
  onboarding    http://127.0.0.1:${pagesPort}/onboarding/
  React         http://127.0.0.1:${pagesPort}/react-onboarding/
  dashboard     ${host}/dashboard#key=${secretKey}
  API           ${host}/openapi.json

What to try
  1. Open the onboarding page and sign in as someone new (e.g. "ada"; the page's stand-in backend signs the user id
     for identity verification); the checklist and the nudge come from the project config
     (examples/shared/onboarding-config.js, put on the collector and read by the pages with GET /v1/config).
  2. Click "Do it" on a step.
  3. In the dashboard: Onboarding shows the step in the funnel (press Refresh); User lookup → "ada" shows her status and why,
     her progress, which nudge she is eligible for and why, and her events.
  4. Explore the sample population: Lifecycle, Retention, RFM, Churn risk, Personas, Transitions.
  Ctrl-C stops both. WAYMARK_DEMO_EMPTY=1 npm run demo starts with an empty database.\n`);
});

const stop = () => {
  stopping = true;
  pages.close();
  collector.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
