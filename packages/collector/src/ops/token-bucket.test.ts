import { describe, expect, it } from 'vitest';
import { takeToken, type Bucket } from './token-bucket.js';

const limit = { ratePerSec: 2, burst: 3 };

describe('takeToken', () => {
  it('allows a full burst, then refuses with a Retry-After', () => {
    let b: Bucket | undefined;
    const results = [0, 0, 0, 0].map(() => {
      const t = takeToken(b, 1000, limit);
      b = t.bucket;
      return t.allowed;
    });
    expect(results).toEqual([true, true, true, false]);
    const refused = takeToken(b, 1000, limit);
    expect(refused.allowed === false && refused.retryAfterSec).toBe(1);
  });

  it.each([
    ['refills at the sustained rate', { tokens: 0, updatedAtMs: 0 }, 500, true],
    ['not before a whole token has accrued', { tokens: 0, updatedAtMs: 0 }, 499, false],
    ['never beyond the burst', { tokens: 0, updatedAtMs: 0 }, 60_000, true],
    ['ignores a clock going backwards', { tokens: 0.5, updatedAtMs: 1000 }, 0, false],
  ])('%s', (_label, bucket, nowMs, allowed) => {
    const t = takeToken(bucket, nowMs, limit);
    expect(t.allowed).toBe(allowed);
    expect(t.bucket.tokens).toBeLessThanOrEqual(limit.burst);
  });

  it('says how long until the next token at a slow rate', () => {
    const t = takeToken({ tokens: 0, updatedAtMs: 0 }, 0, { ratePerSec: 0.1, burst: 1 });
    expect(t.allowed === false && t.retryAfterSec).toBe(10);
  });
});
