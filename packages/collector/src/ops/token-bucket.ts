/** Token-bucket rate policy: a pure function of the bucket, the time and the limits. */

export interface RateLimit {
  /** Sustained requests per second. */
  ratePerSec: number;
  /** Requests allowed in a burst (bucket size). */
  burst: number;
}

export interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

export type Take = { allowed: true; bucket: Bucket } | { allowed: false; bucket: Bucket; retryAfterSec: number };

/** Refills for the time elapsed, then takes one token if there is one. */
export function takeToken(bucket: Bucket | undefined, nowMs: number, limit: RateLimit): Take {
  const prev = bucket ?? { tokens: limit.burst, updatedAtMs: nowMs };
  const elapsedSec = Math.max(0, nowMs - prev.updatedAtMs) / 1000;
  const tokens = Math.min(limit.burst, prev.tokens + elapsedSec * limit.ratePerSec);
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, updatedAtMs: nowMs } };
  const retryAfterSec = Math.max(1, Math.ceil((1 - tokens) / limit.ratePerSec));
  return { allowed: false, bucket: { tokens, updatedAtMs: nowMs }, retryAfterSec };
}
