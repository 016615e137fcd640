/** Fetches the server's snapshot of one user (`GET /v1/status`): facts from every device, segments, asOf. */
import { WaymarkError } from '../errors.js';
import { isObject } from './is-object.js';
import type { HttpGet, StatusIdentity } from './status-host.js';

/** What the collector's population models say about the user (it computes them; the SDK only carries them). */
export interface Population {
  /** RFM group, e.g. `champions`, `at-risk`. */
  rfm?: string;
  /** BG/NBD probability that the customer is still active (0..1). */
  pAlive?: number;
  persona?: { id: string; name: string };
  /** When the models ran (ISO time). */
  asOf: string;
}

export interface ServerSnapshot {
  /** Opaque facts value from core, merged into the device's facts with `mergeFacts`. */
  facts: unknown;
  /** Server-computed segment names (RFM group, persona, churn risk, custom segments). */
  segments: string[];
  /** ISO time the server computed the snapshot. */
  asOf: string;
  /** The user's population fields, once the collector computed them. */
  population?: Population;
  etag?: string;
}

/**
 * A fresh snapshot; `null` when the cached one is still current (304); `undefined` on a network failure
 * or a refusal (e.g. 401/403 when identity verification is on and there is no valid userHash).
 */
export type SnapshotResult = ServerSnapshot | null | undefined;

export interface SnapshotDeps {
  httpGet: HttpGet;
  apiHost: string;
  writeKey: string;
  /** Told of each refused read (401/403) with the collector's reason. */
  refused?(who: StatusIdentity, status: number, reason: string): void;
}

/** `GET /v1/status` for `who` (by user id with its hash, else by anonymous id), conditional on `etag`. */
export async function fetchSnapshot(
  deps: SnapshotDeps,
  who: StatusIdentity,
  userHash: string | undefined,
  etag: string | undefined,
): Promise<SnapshotResult> {
  const q = new URLSearchParams({ writeKey: deps.writeKey });
  if (who.userId === undefined) q.set('anonymousId', who.anonymousId);
  else {
    q.set('userId', who.userId);
    if (userHash) q.set('userHash', userHash);
  }
  const res = await deps.httpGet(`${deps.apiHost}/v1/status?${q}`, ifNoneMatch(etag)).catch(() => undefined);
  const body = res?.body;
  if (res?.status === 304) return null;
  if (res?.status === 401 || res?.status === 403) deps.refused?.(who, res.status, isObject(body) && typeof body.reason == 'string' ? body.reason : '');
  if (res?.status !== 200 || !isObject(body) || !isObject(body.facts)) return undefined;
  return {
    facts: body.facts,
    segments: Array.isArray(body.segments) ? body.segments.filter((s): s is string => typeof s === 'string') : [],
    asOf: typeof body.asOf === 'string' ? body.asOf : new Date(0).toISOString(),
    population: isObject(body.population) ? (body.population as unknown as Population) : undefined,
    etag: res.etag,
  };
}

/** The conditional-request header for a cached copy's ETag. */
export const ifNoneMatch = (etag: string | undefined): Record<string, string> => (etag ? { 'if-none-match': etag } : {});

/**
 * A `refused` callback that reports a refusal once per user and status code, with what to do about it:
 * the app keeps working on its device facts, and the developer learns why the server snapshot is missing.
 */
export function reportRefusalOnce(report: (error: WaymarkError) => void): NonNullable<SnapshotDeps['refused']> {
  const seen = new Set<string>();
  return (who, status, reason) => {
    const key = `${status} ${who.userId ?? ''} ${who.anonymousId}`;
    if (seen.has(key)) return;
    seen.add(key);
    // The collector's reason says what to do (e.g. "identity verification is on: userHash = hex HMAC-SHA256(secret key, userId) is required").
    report(new WaymarkError('status', `GET /v1/status ${status}: ${reason}`));
  };
}
