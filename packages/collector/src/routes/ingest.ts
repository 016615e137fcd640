/** Every ingest path (`ingest-paths.ts`: batches and single events, Segment's and RudderStack's) through one handler. */
import type { BatchResponse, EventType } from '@waymark/core';
import { LIMITS } from '@waymark/core';
import { batchEnvelopeSchema, issueReason } from '@waymark/core/schema';
import type { Context, Hono } from 'hono';
import { presentedKey, projectForWriteKey, type AppEnv } from '../auth.js';
import { clientIpOf, type ResolvedConfig } from '../config.js';
import { projectAllowsOrigin } from '../http/cors.js';
import { readBody } from '../http/read-body.js';
import { passesFastEnvelopeCheck } from '../ingest/fast-event-check.js';
import { BATCH_PATHS, LIBRARY_METRICS_PATH, SINGLE_EVENT_PATHS } from '../ingest/ingest-paths.js';
import { storedIp } from '../ingest/ip-policy.js';
import { prepareBatch } from '../ingest/prepare-batch.js';
import type { AppDeps } from '../deps.js';
import { coreFactsReducer } from '../profile/core-facts.js';
import { factsConfigFor, trackingPlanOf } from '../profile/project-config-cache.js';

type IngestDeps = AppDeps;

export function registerIngest(app: Hono<AppEnv>, deps: IngestDeps): void {
  for (const path of BATCH_PATHS) app.post(path, (c) => handle(c, deps, undefined));
  for (const [path, type] of Object.entries(SINGLE_EVENT_PATHS)) app.post(path, (c) => handle(c, deps, type));
  app.post(LIBRARY_METRICS_PATH, (c) => c.body(null, 204));
}

type Fail = { status: 400 | 401 | 403 | 413 | 415 | 429; reason: string; retryAfterSec?: number };

async function handle(c: Context<AppEnv>, deps: IngestDeps, single: EventType | undefined): Promise<Response> {
  const { config } = deps;
  const startMs = performance.now();
  config.metrics.inFlight(1);
  try {
    const result = await ingest(c, deps, single);
    if ('status' in result) {
      config.metrics.request(result.status);
      const headers: Record<string, string> = result.retryAfterSec ? { 'Retry-After': String(result.retryAfterSec) } : {};
      const { status, reason, retryAfterSec: _wait, ...rest } = result;
      const body = { error: errorName(status), reason, ...rest };
      return c.json(body, status, headers);
    }
    config.metrics.request(200);
    config.metrics.batchLatency((performance.now() - startMs) / 1000);
    return c.json(result, 200);
  } catch (error) {
    config.metrics.request(503);
    config.logger.error('batch commit failed', { error: String(error) });
    return c.json({ error: 'unavailable', reason: 'storage failed; retry later' }, 503, { 'Retry-After': '1' });
  } finally {
    config.metrics.inFlight(-1);
  }
}

async function ingest(c: Context<AppEnv>, deps: IngestDeps, single: EventType | undefined): Promise<BatchResponse | Fail | (Fail & BatchResponse)> {
  const { storage, config } = deps;
  const nowMs = config.nowMs();
  const ip = clientIpOf(c, config);
  // Without a known client address (no clientIp reader, no trusted proxy) only the per-key limit applies.
  const ipWait = ip === undefined ? 0 : deps.ipLimiter.take(`ip:${ip}`, nowMs);
  if (ipWait) return { status: 429, reason: 'too many requests from this address', retryAfterSec: ipWait };

  // Segment sends the write key as the Basic user; sendBeacon cannot, so the body (Segment's libraries) or the query
  // string (RudderStack's beacon mode, `?writeKey=`) may carry it instead.
  const headerKey = presentedKey(c) ?? c.req.query('writeKey');
  const early = headerKey ? await projectForWriteKey(deps.projects, headerKey) : undefined;
  if (early && 'status' in early) return early;

  const body = await readBody(c.req.raw, LIMITS.maxBatchBytes);
  if (!body.ok) return { status: body.status, reason: body.reason };
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return { status: 400, reason: 'body is not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { status: 400, reason: 'body must be a JSON object' };
  const obj = json as Record<string, unknown>;
  let rawEvents: unknown[];
  let sentAt: string | null | undefined;
  let bodyKey: unknown = obj.writeKey;
  if (single) {
    const { writeKey: _key, ...event } = obj;
    rawEvents = [{ ...event, type: single }];
    sentAt = undefined; // a single event's own sentAt is read by prepareEvent
  } else {
    if (Array.isArray(obj.batch) && obj.batch.length > LIMITS.maxBatchLength) {
      return { status: 413, reason: `batch has more than ${LIMITS.maxBatchLength} events` };
    }
    // zod only for an envelope the plain check cannot accept (it then gives the reason).
    let envelope = obj as { batch: unknown[]; context?: unknown; sentAt?: string | null; writeKey?: string | null };
    if (!passesFastEnvelopeCheck(obj)) {
      const parsed = batchEnvelopeSchema.safeParse(obj);
      if (!parsed.success) return { status: 400, reason: `not a batch: ${issueReason(parsed.error)}` };
      envelope = parsed.data;
    }
    rawEvents = withBatchContext(envelope.batch, envelope.context);
    sentAt = envelope.sentAt;
    bodyKey = envelope.writeKey;
  }

  const auth = early ?? (await projectForWriteKey(deps.projects, typeof bodyKey === 'string' ? bodyKey : undefined));
  if ('status' in auth) return auth;
  const { project } = auth;
  if (!projectAllowsOrigin(project, c.req.header('origin'))) return { status: 403, reason: 'origin not allowed for this project' };
  const keyWait = deps.keyLimiter.take(`key:${project.id}`, nowMs);
  if (keyWait) return { status: 429, reason: 'too many requests for this write key', retryAfterSec: keyWait };

  const projectConfig = await deps.configs.get(project.id, nowMs);
  const plan = trackingPlanOf(projectConfig);
  const { events, rejected, planViolations } = prepareBatch(rawEvents, {
    receivedAtMs: nowMs,
    ...(sentAt ? { batchSentAtMs: Date.parse(sentAt) } : {}),
    ...(await ipField(ip, config)),
    maxPastMs: config.maxEventAgeMs,
    maxFutureMs: config.maxEventAheadMs,
    ...(plan && { plan }),
  });
  config.metrics.eventsRejected(rejected.length);
  if (single && rejected.length > 0) {
    config.metrics.planViolations.record(project.id, planViolations, nowMs);
    return { status: 400, reason: rejected[0]!.reason, accepted: 0, duplicates: [], rejected };
  }
  const facts = deps.facts ?? coreFactsReducer(factsConfigFor(projectConfig));
  const committed = events.length > 0 ? await storage.commitBatch(project.id, events, facts) : { accepted: 0, duplicates: [] };
  config.metrics.eventsAccepted(committed.accepted);
  config.metrics.eventsDuplicate(committed.duplicates.length);
  if (!storage.streamGaps) config.metrics.streams.record(project.id, events, committed.duplicates, nowMs); // else counted in commitBatch
  // Counted once the batch is stored (a failed commit is retried by the client and would count twice).
  config.metrics.planViolations.record(project.id, planViolations, nowMs);
  if (rejected.length > 0) config.logger.info('events rejected', { project: project.id, rejected: rejected.length, first: rejected[0]?.reason });
  return { accepted: committed.accepted, duplicates: committed.duplicates, rejected };
}

/** Segment's batch-level `context` applies to every event, under each event's own context keys. */
function withBatchContext(events: unknown[], context: unknown): unknown[] {
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return events;
  return events.map((e) => {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return e;
    const own = (e as { context?: unknown }).context;
    if (own !== undefined && (typeof own !== 'object' || own === null || Array.isArray(own))) return e; // rejected later, with its reason
    return { ...e, context: { ...context, ...(own as object | undefined) } };
  });
}

async function ipField(ip: string | undefined, config: ResolvedConfig): Promise<{ ip?: string }> {
  const stored = await storedIp(ip, config.ipMode, config.ipSalt);
  return stored === undefined ? {} : { ip: stored };
}

function errorName(status: number): string {
  return ({ 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 413: 'too_large', 415: 'unsupported_media_type', 429: 'rate_limited' } as Record<number, string>)[status] ?? 'error';
}
