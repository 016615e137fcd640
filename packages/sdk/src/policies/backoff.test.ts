import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, nextDelayMs } from './backoff.js';

const options = { minRetryDelayMs: 1_000, maxRetryDelayMs: 60_000 };

describe('nextDelayMs', () => {
  it.each([
    // attempt, random, retryAfterMs, expected
    [0, 0, undefined, 500],
    [0, 1, undefined, 1_000],
    [1, 0.5, undefined, 1_500],
    [3, 0, undefined, 4_000],
    [3, 1, undefined, 8_000],
    [10, 0, undefined, 30_000],
    [10, 1, undefined, 60_000],
    [50, 1, undefined, 60_000],
    [0, 0, 5_000, 5_000],
    [6, 1, 5_000, 60_000],
    [0, 0.5, 0, 750],
    [0, 0, 10 * MAX_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS],
  ] as const)('attempt %i, random %d, Retry-After %s → %i ms', (attempt, random, retryAfterMs, expected) => {
    expect(nextDelayMs(attempt, random, options, retryAfterMs)).toBe(expected);
  });

  it('never waits less than Retry-After and stays within [base/2, base] otherwise', () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      for (const random of [0, 0.1, 0.37, 0.5, 0.99, 1]) {
        const base = Math.min(60_000, 1_000 * 2 ** attempt);
        const delay = nextDelayMs(attempt, random, options);
        expect(delay).toBeGreaterThanOrEqual(base / 2);
        expect(delay).toBeLessThanOrEqual(base);
        expect(nextDelayMs(attempt, random, options, 45_000)).toBeGreaterThanOrEqual(45_000);
      }
    }
  });
});
