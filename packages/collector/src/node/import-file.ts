/** `importFile`: NDJSON events or a purchase log into a project, through ingest's validation, dedupe and profile path. */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { DAY_MS, factsConfigOf, type ProjectConfig } from '@waymark/core';
import { messageIdFor } from '../ingest/message-id-for.js';
import { prepareBatch } from '../ingest/prepare-batch.js';
import { coreFactsReducer } from '../profile/core-facts.js';
import { readElogRows, type ElogColumns } from '../segments/elog-rows.js';
import type { FactsReducer, Storage } from '../storage/storage.js';

/** Options of `importFile`. */
export interface ImportFileOptions extends ElogColumns {
  /** The file is a purchase log (CSV with a header), each row an `Order Completed` event with its revenue. @default false (NDJSON) */
  elog?: boolean;
  /**
   * Purchase logs only: move every date by whole days so the log's last purchase falls on this day (epoch ms),
   * keeping every gap, e.g. to load CDNOW (1997) as recent demo data: the wire schema rejects times before 2000.
   * MessageIds come from the original rows, so a re-run with another end day still imports nothing twice. @default no move
   */
  endAtMs?: number;
  /** Events per commit. @default 500 */
  batchSize?: number;
  /** Called after every commit with the counts so far. @default none */
  onProgress?: (progress: ImportSummary) => void;
  /** The clock (receive time of imported events). @default Date.now */
  nowMs?: () => number;
}

/** What an import did. A re-run of the same file stores nothing: every event comes back as a duplicate. */
export interface ImportSummary {
  /** Events read (NDJSON lines holding an event, or purchase-log rows). */
  read: number;
  stored: number;
  duplicates: number;
  rejected: number;
  /** NDJSON lines that hold no event (the export's `profile` and `identity` lines). */
  skipped: number;
  /** The first 100 rejections: 1-based line and reason. */
  rejections: { line: number; reason: string }[];
}

const MAX_REPORTED = 100;

/**
 * Imports `path` into `projectId`. NDJSON lines are Segment-spec events, or the collector's export lines
 * (`{ type: 'event', event }`; `profile` and `identity` lines are skipped). Every event goes through the
 * same `prepareBatch` and `storage.commitBatch` as `POST /v1/batch`, with two differences that suit history:
 * any past time is accepted, and the event's `timestamp` is kept as is (its `sentAt` is dropped: there is no
 * receive time to correct the clock against). Events without a messageId get one derived from their content,
 * purchase rows one from their line and values, so a re-run imports nothing twice.
 */
export async function importFile(storage: Storage, projectId: string, path: string, options: ImportFileOptions = {}): Promise<ImportSummary> {
  if (!(await storage.listProjects()).some((p) => p.id === projectId)) throw new Error(`import: no project "${projectId}"`);
  const stored = await storage.getProjectConfig(projectId);
  const factsConfig = factsConfigOf((stored?.config ?? {}) as ProjectConfig);
  const reducer = coreFactsReducer(factsConfig);
  const summary: ImportSummary = { read: 0, stored: 0, duplicates: 0, rejected: 0, skipped: 0, rejections: [] };
  const reject = (line: number, reason: string) => {
    summary.rejected++;
    if (summary.rejections.length < MAX_REPORTED) summary.rejections.push({ line, reason });
  };
  const batch = { raws: [] as unknown[], lines: [] as number[] };
  const flush = async () => {
    if (!batch.raws.length) return;
    await commit(storage, projectId, reducer, batch.raws, batch.lines, summary, reject, options.nowMs ?? Date.now);
    batch.raws = [];
    batch.lines = [];
    options.onProgress?.({ ...summary, rejections: [...summary.rejections] });
  };
  const push = async (raw: unknown, line: number) => {
    summary.read++;
    batch.raws.push(raw);
    batch.lines.push(line);
    if (batch.raws.length >= (options.batchSize ?? 500)) await flush();
  };
  if (options.elog) {
    const { rows, rejected } = readElogRows(await readFile(path, 'utf8'), options);
    summary.read += rejected.length;
    for (const r of rejected) reject(r.line, r.reason);
    const event = factsConfig.purchaseEvents?.[0] ?? 'Order Completed';
    const revenueKey = factsConfig.revenueProperties?.[0] ?? 'revenue';
    const lastDay = rows.reduce((m, r) => Math.max(m, r.day), -Infinity);
    const shiftMs = options.endAtMs === undefined || !rows.length ? 0 : (Math.floor(options.endAtMs / DAY_MS) - lastDay) * DAY_MS;
    for (const r of rows) {
      const messageId = `elog-${messageIdFor(`${r.line}\u0000${r.customer}\u0000${r.ms}\u0000${r.amount}`).slice(4)}`;
      const properties = options.amountColumn ? { [revenueKey]: r.amount } : {};
      await push({ type: 'track', event, userId: r.customer, messageId, timestamp: new Date(r.ms + shiftMs).toISOString(), properties, context: { library: { name: 'waymark-import' } } }, r.line);
    }
  } else {
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
      line++;
      if (!text.trim()) continue;
      let obj: unknown;
      try {
        obj = JSON.parse(text);
      } catch {
        summary.read++;
        reject(line, 'line is not valid JSON');
        continue;
      }
      const o = obj as Record<string, unknown> | null;
      if (o && (o.type === 'profile' || o.type === 'identity')) summary.skipped++;
      else await push(o && o.type === 'event' && typeof o.event === 'object' ? asImported(o.event) : asImported(o), line);
    }
  }
  await flush();
  return summary;
}

/** An event as imported: `sentAt` and the export's receive-time fields dropped (the timestamp is final). */
function asImported(e: unknown): unknown {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return e;
  const { sentAt: _s, receivedAt: _r, originalTimestamp: _o, ...rest } = e as Record<string, unknown>;
  return rest;
}

async function commit(
  storage: Storage, projectId: string, reducer: FactsReducer, raws: unknown[], lines: number[], summary: ImportSummary,
  reject: (line: number, reason: string) => void, now: () => number,
): Promise<void> {
  const nowMs = now();
  const { events, rejected } = prepareBatch(raws, { receivedAtMs: nowMs, maxPastMs: Infinity, maxFutureMs: DAY_MS });
  for (const r of rejected) reject(lines[r.index]!, r.reason);
  if (!events.length) return;
  const result = await storage.commitBatch(projectId, events, reducer);
  summary.stored += result.accepted;
  summary.duplicates += result.duplicates.length;
}
