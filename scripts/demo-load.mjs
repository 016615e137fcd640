// Loads the generated sample population into a running collector through its own ingest path (POST /v1/batch
// with the write key), in batches, with a progress callback. Idempotent: messageIds are deterministic, so a
// re-run (after an interruption) stores only what is missing; a marker file remembers the end time used and
// whether the load finished, so later demo runs reuse the database instead of loading again.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generatePopulation } from './demo-population.mjs';

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
