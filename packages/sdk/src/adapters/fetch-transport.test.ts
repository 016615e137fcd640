import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from './fetch-transport.js';

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it.each([
    [null, undefined],
    ['', undefined],
    ['0', 0],
    ['30', 30_000],
    ['1.5', 1_500],
    ['Thu, 01 Jan 2026 12:00:45 GMT', 45_000],
    ['Thu, 01 Jan 2026 11:00:00 GMT', 0],
    ['soon', undefined],
  ])('%j → %s ms', (header, expected) => {
    expect(parseRetryAfterMs(header, now)).toBe(expected);
  });
});
