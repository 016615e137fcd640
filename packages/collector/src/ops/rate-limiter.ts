/** Keeps token buckets per key (write key, client IP) in a bounded map; the policy is `takeToken`. */
import { takeToken, type Bucket, type RateLimit } from './token-bucket.js';

export interface RateLimiter {
  /** Returns 0 when allowed, otherwise the seconds to put in Retry-After. */
  take(key: string, nowMs: number): number;
}

/** `maxKeys` bounds memory under an IP-spraying attack: the oldest buckets are forgotten first. */
export function createRateLimiter(limit: RateLimit | false, maxKeys = 100_000): RateLimiter {
  if (!limit || limit.ratePerSec <= 0) return { take: () => 0 };
  const buckets = new Map<string, Bucket>();
  return {
    take(key, nowMs) {
      const result = takeToken(buckets.get(key), nowMs, limit);
      buckets.delete(key);
      buckets.set(key, result.bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      return result.allowed ? 0 : result.retryAfterSec;
    },
  };
}
