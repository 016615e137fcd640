/** Fetches the server's snapshot of one user (`GET /v1/status`): facts from every device, segments, asOf. */
import type { HttpGet, StatusIdentity } from './status-host.js';

export interface ServerSnapshot {
  /** Opaque facts value from core, merged into the device's facts with `mergeFacts`. */
  facts: unknown;
  /** Server-computed segment names (RFM group, persona, churn risk, custom segments). */
  segments: string[];
  /** ISO time the server computed the snapshot. */
  asOf: string;
  etag?: string;
}

export type SnapshotResult =
  | { kind: 'fresh'; snapshot: ServerSnapshot }
  | { kind: 'unchanged' }
  /** Network failure or refusal (e.g. 401/403 when identity verification is on and no valid userHash). */
  | { kind: 'failed'; status?: number };

export interface SnapshotDeps {
  httpGet: HttpGet;
  apiHost: string;
  writeKey: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function fetchSnapshot(
  deps: SnapshotDeps,
  who: StatusIdentity,
  userHash: string | undefined,
  etag: string | undefined,
): Promise<SnapshotResult> {
  const q = new URLSearchParams({ writeKey: deps.writeKey });
  if (who.userId !== undefined) q.set('userId', who.userId);
  else q.set('anonymousId', who.anonymousId);
  if (who.userId !== undefined && userHash) q.set('userHash', userHash);
  let res;
  try {
    res = await deps.httpGet(`${deps.apiHost}/v1/status?${q}`, etag ? { 'if-none-match': etag } : {});
  } catch {
    return { kind: 'failed' };
  }
  if (res.status === 304) return { kind: 'unchanged' };
  const body = res.body;
  if (res.status !== 200 || !isObject(body) || !isObject(body.facts)) return { kind: 'failed', status: res.status };
  const segments = Array.isArray(body.segments) ? body.segments.filter((s): s is string => typeof s === 'string') : [];
  const asOf = typeof body.asOf === 'string' ? body.asOf : new Date(0).toISOString();
  return { kind: 'fresh', snapshot: { facts: body.facts, segments, asOf, ...(res.etag ? { etag: res.etag } : {}) } };
}
