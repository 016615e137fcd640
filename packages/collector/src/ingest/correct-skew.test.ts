import { describe, expect, it } from 'vitest';
import { correctSkew } from './correct-skew.js';

const R = Date.UTC(2026, 10, 25, 12, 0, 0);
const H = 3_600_000;

describe('correctSkew', () => {
  it.each([
    ['device clock 1 h fast, sent 5 s after the event', R + H - 5000, R + H, R - 5000],
    ['device clock 2 h slow, sent 1 min after', R - 2 * H - 60_000, R - 2 * H, R - 60_000],
    ['device clock right, held offline for a day', R - 24 * H, R, R - 24 * H],
  ])('%s', (_label, timestampMs, sentAtMs, expected) => {
    expect(correctSkew(timestampMs, sentAtMs, R)).toBe(expected);
  });
  it('keeps the device time when sentAt is unknown', () => {
    expect(correctSkew(R - 1000, undefined, R)).toBe(R - 1000);
  });
  it('uses the receive time when the event has no timestamp', () => {
    expect(correctSkew(undefined, R - 9999, R)).toBe(R);
  });
});
