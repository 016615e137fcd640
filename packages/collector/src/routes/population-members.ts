/**
 * GET /v1/admin/analytics/transitions (a matrix between two daily snapshots, sizes over time) and
 * GET /v1/admin/analytics/segments/:id/members (paged; JSON, NDJSON or CSV by Accept). Secret key (app.ts).
 */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { isoOfDay } from '../segments/local-day.js';
import type { Population } from '../segments/population-index.js';
import { RESULT_KINDS, type StoredSizes } from '../segments/population-results.js';
import { readResult, stampOf } from '../segments/read-result.js';
import { transitionsBetween, type UserState } from '../segments/transitions.js';
import type { SegmentStore, SnapshotRow } from '../storage/segment-store.js';
import { badRequest, dayParam, notAvailable } from './population.js';

const PAGE = 5000;
/** Between two pages: the adapters' reads resolve at once, so without a macrotask turn a large read would hold the loop. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** Snapshot rows a members page reads at most (a sparse segment answers fewer members and a cursor). */
const MAX_SCANNED = 50_000;

async function snapshotAt(seg: SegmentStore, projectId: string, day: number): Promise<{ day: number | null; states: Map<string, UserState> }> {
  const states = new Map<string, UserState>();
  let at: number | null = null;
  for (let afterKey = ''; ; ) {
    const page = await seg.readSnapshot(projectId, day, { afterKey, limit: PAGE });
    at = page.day;
    for (const r of page.rows) states.set(r.key, r);
    if (page.rows.length < PAGE) break;
    afterKey = page.rows[page.rows.length - 1]!.key;
    await pause();
  }
  return { day: at, states };
}

type Member = { key: string; userId?: string; anonymousId?: string; status: string; rfm?: string; pAlive?: number; persona?: string };

function memberOf(row: SnapshotRow, p: Population | undefined): Member {
  const id = row.key.slice(2);
  return {
    key: row.key, ...(row.key.startsWith('u:') ? { userId: id } : { anonymousId: id }), status: row.status,
    ...(p?.rfm !== undefined ? { rfm: p.rfm } : {}), ...(p?.pAlive !== undefined ? { pAlive: p.pAlive } : {}), ...(p?.persona ? { persona: p.persona.id } : {}),
  };
}

/** Whether a snapshot row (with its population fields) belongs to the segment `id` (see README for the id forms). */
function inSegment(id: string, row: SnapshotRow, p: Population | undefined): boolean {
  if (id.startsWith('status:')) return row.status === id.slice(7);
  if (id.startsWith('rfm:')) return p?.rfm === id.slice(4);
  if (id.startsWith('persona:')) return p?.persona?.id === id.slice(8);
  return row.segments.includes(id);
}

const CSV_COLUMNS = ['key', 'userId', 'anonymousId', 'status', 'rfm', 'pAlive', 'persona'] as const;
const csvCell = (v: unknown) => {
  const s = v === undefined ? '' : String(v);
  // Quote when needed; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function registerPopulationMembers(app: Hono<AppEnv>, deps: AppDeps): void {
  const { storage } = deps;
  const { runner, index } = deps.population;
  const unsupported = (c: Context<AppEnv>) => c.json({ error: 'not_implemented', reason: 'this storage has no population-segment store' }, 501);

  app.get('/v1/admin/analytics/transitions', async (c) => {
    const seg = storage.segments;
    if (!seg) return unsupported(c);
    const projectId = c.get('project').id;
    const fromQ = dayParam(c, 'from');
    const toQ = dayParam(c, 'to');
    for (const d of [fromQ, toQ]) if (typeof d === 'string') return badRequest(c, d);
    const sizes = await readResult<StoredSizes>(storage, runner, projectId, RESULT_KINDS.sizes);
    const days = await seg.snapshotDays(projectId);
    if (!sizes || !days.length) return notAvailable(c, 'no snapshot yet');
    const to = (toQ as number | undefined) ?? days[days.length - 1]!;
    const from = (fromQ as number | undefined) ?? to - 7;
    if (from > to) return badRequest(c, 'from is after to');
    const [a, b] = [await snapshotAt(seg, projectId, from), await snapshotAt(seg, projectId, to)];
    return c.json({
      from: a.day === null ? null : isoOfDay(a.day), to: b.day === null ? null : isoOfDay(b.day), ...stampOf(sizes),
      ...transitionsBetween(a.states, b.states),
      sizes: sizes.days.filter((d) => d.day >= from && d.day <= to).map((d) => ({ ...d, day: isoOfDay(d.day) })),
    });
  });

  app.get('/v1/admin/analytics/segments/:id/members', async (c) => {
    const seg = storage.segments;
    if (!seg) return unsupported(c);
    const projectId = c.get('project').id;
    const id = c.req.param('id');
    const limit = Number(c.req.query('limit') ?? 1000);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) return badRequest(c, 'limit must be an integer from 1 to 10000');
    await readResult(storage, runner, projectId, RESULT_KINDS.summary); // computes once when nothing exists yet
    const fields = await index.all(projectId);
    const members: Member[] = [];
    let afterKey = c.req.query('cursor') ?? '';
    let asOf: number | null = null;
    let exhausted = false;
    for (let scanned = 0; members.length < limit && scanned < MAX_SCANNED && !exhausted; ) {
      const page = await seg.readSnapshot(projectId, Number.MAX_SAFE_INTEGER, { afterKey, limit: PAGE });
      asOf = page.day;
      let consumed = 0;
      for (const row of page.rows) {
        consumed++;
        scanned++;
        afterKey = row.key;
        const p = fields.get(row.key);
        if (inSegment(id, row, p)) members.push(memberOf(row, p));
        if (members.length >= limit) break;
      }
      exhausted = page.rows.length < PAGE && consumed === page.rows.length;
      if (!exhausted) await pause();
    }
    const nextCursor = exhausted ? null : afterKey;
    const accept = c.req.header('accept') ?? '';
    const headers: Record<string, string> = nextCursor ? { 'X-Next-Cursor': nextCursor } : {};
    if (accept.includes('text/csv')) {
      const lines = [CSV_COLUMNS.join(','), ...members.map((m) => CSV_COLUMNS.map((k) => csvCell(m[k])).join(','))];
      return c.body(`${lines.join('\n')}\n`, 200, { ...headers, 'content-type': 'text/csv; charset=utf-8' });
    }
    if (accept.includes('application/x-ndjson')) {
      return c.body(members.map((m) => `${JSON.stringify(m)}\n`).join(''), 200, { ...headers, 'content-type': 'application/x-ndjson' });
    }
    return c.json({ segment: id, asOf: asOf === null ? null : isoOfDay(asOf), members, nextCursor });
  });
}
