// Loads the generated sample population: `importPopulation` into the collector's SQLite file through its own import
// path (`importFile` of @waymark/collector/node, before `serve` starts: what the demo does), `loadPopulation` into a
// running collector through POST /v1/batch (the e2e tests). Both with a progress callback and idempotent:
// messageIds are deterministic, so a re-run (after an interruption) stores only what is missing; a marker file
// remembers the end time used and whether the load finished, so later demo runs reuse the database.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePopulation } from './demo-population.mjs';

const COLLECTOR_NODE = join(fileURLToPath(new URL('..', import.meta.url)), 'packages/collector/dist/node/index.js');
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Writes the population as NDJSON beside `dbPath` and imports it into the default project, created first with the
 * settings `serve` would give it under `env` (keys, CORS origins, identity verification), so serve finds it as is.
 * @param {{ dbPath: string, env: Record<string, string | undefined>, seed?: number, users?: number, days?: number, endMs?: number,
 *   onProgress?: (p: { read: number, total: number, stored: number }) => void }} options
 * @returns {Promise<{ events: number, stored: number, duplicates: number, rejected: number }>}
 */
export async function importPopulation({ dbPath, env, onProgress, users = 3000, ...rest }) {
  const { createSqliteStorage, ensureProjects, importFile, parseArgs } = await import(COLLECTOR_NODE);
  const file = `${dbPath}.population.ndjson`;
  const lines = [];
  for (const events of generatePopulation({ users, ...rest })) for (const e of events) lines.push(JSON.stringify(e));
  writeFileSync(file, `${lines.join('\n')}\n`);
  const serve = parseArgs(['serve', '--db', dbPath], env, (path) => readFileSync(path, 'utf8'));
  if (serve.command !== 'serve') throw new Error(`demo: ${serve.message ?? serve.command}`);
  const storage = createSqliteStorage({ path: dbPath });
  try {
    await ensureProjects(storage, serve.options.projects, quiet);
    const summary = await importFile(storage, 'default', file, { onProgress: (p) => onProgress?.({ read: p.read, total: lines.length, stored: p.stored }) });
    return { events: summary.read, stored: summary.stored, duplicates: summary.duplicates, rejected: summary.rejected };
  } finally {
    await storage.close();
    rmSync(file, { force: true });
  }
}

const BATCH_EVENTS = 500;

/**
 * @param {{ host: string, writeKey: string, seed?: number, users?: number, days?: number, endMs?: number,
 *   onProgress?: (p: { users: number, totalUsers: number, events: number, stored: number }) => void }} options
 * @returns {Promise<{ events: number, stored: number, duplicates: number, rejected: number }>}
 */
export async function loadPopulation({ host, writeKey, onProgress, users = 3000, ...rest }) {
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  const totals = { events: 0, stored: 0, duplicates: 0, rejected: 0 };
  let batch = [];
  let done = 0;
  const send = async () => {
    if (!batch.length) return;
    const res = await fetch(`${host}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify({ batch }) });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`POST /v1/batch answered ${res.status}: ${body.reason ?? JSON.stringify(body)}`);
    totals.events += batch.length;
    totals.stored += body.accepted ?? 0;
    totals.duplicates += Array.isArray(body.duplicates) ? body.duplicates.length : (body.duplicates ?? 0);
    totals.rejected += body.rejected?.length ?? 0;
    batch = [];
  };
  for (const events of generatePopulation({ users, ...rest })) {
    batch.push(...events);
    done++;
    if (batch.length >= BATCH_EVENTS) {
      await send();
      onProgress?.({ users: done, totalUsers: users, events: totals.events, stored: totals.stored });
    }
  }
  await send();
  onProgress?.({ users: done, totalUsers: users, events: totals.events, stored: totals.stored });
  return totals;
}

/** The demo's marker: `{ endMs, done }` (reused end time, so an interrupted load resumes with the same events). */
export function readMarker(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null;
  }
}

export const writeMarker = (path, marker) => writeFileSync(path, `${JSON.stringify(marker)}\n`);
