// The dashboard's first view over a large project: BENCH_USERS profiles (default 1,000,000; facts of people from
// the demo's generated population, under the onboarding example's config) written straight into a SQLite file, the
// collector CLI started on it, then Chromium opens /dashboard and reads the `waymark:view-drawn:*` performance mark
// (ms since navigation). Cold = the first load after start: first with no stored recompute (the overview folds every
// profile), then after `waymark-collector recompute` and a restart (the overview answers the stored result); warm = a
// reload. Goal (issue 13): the first view drawn within 1 s.
// Run after `pnpm -r --filter "./packages/**" run build`: node bench/dashboard-first-view.bench.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PROJECT_CONFIG } from '../examples/shared/onboarding-config.js';
import { generatePopulation } from '../scripts/demo-population.mjs';
import { listeningUrl } from './closed-loop.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const users = Number(process.env.BENCH_USERS ?? 1_000_000);
const core = await import(join(root, 'packages/core/dist/index.js'));
const Database = createRequire(join(root, 'packages/collector/package.json'))('better-sqlite3');
const config = PROJECT_CONFIG;
const dir = mkdtempSync(join(tmpdir(), 'waymark-dash-bench-'));
const dbPath = join(dir, 'bench.db');
const keys = { WAYMARK_WRITE_KEY: 'wk_bench', WAYMARK_SECRET_KEY: 'sk_bench' };

function startCli() {
  const child = spawn(process.execPath, [join(root, 'packages/collector/dist/node/cli.js'), 'serve', '--port', '0', '--db', dbPath],
    { env: { ...process.env, ...keys, WAYMARK_HOST: '127.0.0.1', WAYMARK_KEY_RPS: '0', WAYMARK_IP_RPS: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return listeningUrl(child).then((url) => ({ url, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) }));
}

try {
  // The schema, the project and its config, through the collector itself.
  let cli = await startCli();
  const put = await fetch(`${cli.url}/v1/admin/config`, { method: 'PUT', headers: { authorization: `Bearer ${keys.WAYMARK_SECRET_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(config) });
  if (!put.ok) throw new Error(`PUT config: ${put.status}`);
  await cli.stop();

  // Facts of 2,000 generated people, repeated to BENCH_USERS profiles.
  let t = Date.now();
  const factsConfig = core.factsConfigOf(config);
  const templates = [];
  for (const events of generatePopulation({ seed: 1, users: 2000, days: 90 })) {
    const wire = events.map((e) => ({ ...e, userId: e.userId ?? undefined }));
    templates.push(JSON.stringify(core.reduceEvents(core.emptyFacts(), wire, factsConfig)));
  }
  const db = new Database(dbPath);
  const project = db.prepare('SELECT id FROM projects LIMIT 1').get().id;
  const insert = db.prepare('INSERT INTO profiles (project_id, profile_key, version, updated_at_ms, facts) VALUES (?, ?, 1, ?, ?)');
  const now = Date.now();
  db.transaction(() => { for (let i = 0; i < users; i++) insert.run(project, `u:bench-${String(i).padStart(7, '0')}`, now, templates[i % templates.length]); })();
  db.close();
  console.log(`${users.toLocaleString('en')} profiles written in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const profileDir = mkdtempSync(join(tmpdir(), 'waymark-dash-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: process.env.WAYMARK_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = context.pages()[0] ?? (await context.newPage());
  const drawn = async (view) => {
    await page.waitForFunction((v) => performance.getEntriesByName(`waymark:view-drawn:${v}`).length > 0, view, { timeout: 600_000, polling: 50 });
    return page.evaluate((v) => Math.round(performance.getEntriesByName(`waymark:view-drawn:${v}`)[0].startTime), view);
  };
  const load = async (hash, view) => {
    await page.goto(`${cli.url}/dashboard${hash}`);
    return drawn(view);
  };
  /** Cold (first load after a start) and warm (a reload) first views. */
  const firstViews = async () => {
    cli = await startCli();
    const cold = await load(`#key=${keys.WAYMARK_SECRET_KEY}`, 'overview');
    const warm = await load('', 'overview');
    return { cold, warm };
  };
  const folded = await firstViews();
  console.log(`first view (overview) with ${users.toLocaleString('en')} users, no stored recompute: cold ${folded.cold} ms (folds every profile), warm ${folded.warm} ms (its last fold)`);
  await cli.stop();
  t = Date.now();
  execFileSync(process.execPath, [join(root, 'packages/collector/dist/node/cli.js'), 'recompute', '--db', dbPath], { env: { ...process.env, ...keys }, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`recompute (every population result, the overview among them): ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const stored = await firstViews();
  console.log(`first view (overview) with ${users.toLocaleString('en')} users, after a recompute: cold ${stored.cold} ms (the stored result), warm ${stored.warm} ms; goal 1000 ms: ${stored.cold <= 1000 ? 'met' : 'missed'} cold`);
  const lifecycle = await load('#/lifecycle', 'lifecycle');
  console.log(`lifecycle view (precomputed): ${lifecycle} ms`);
  await context.close();
  rmSync(profileDir, { recursive: true, force: true });
  await cli.stop();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
