import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoString } from './iso-string.js';

describe('isoString', () => {
  it.each([
    0, -1, 1, 951_782_400_000 /* 2000-02-29 */, 4_107_542_399_999 /* 2100-02-28T23:59:59.999 */, 1_764_000_000_123,
    -62_167_219_200_000, 253_402_300_799_999, -62_167_219_200_001, 253_402_300_800_000, 1.5, -8.64e15, 8.64e15,
  ])('equals Date#toISOString for %s', (ms) => {
    expect(isoString(ms)).toBe(new Date(ms).toISOString());
  });

  it('equals Date#toISOString for any time Date can represent', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), fc.integer({ min: -8.64e15, max: 8.64e15 })), (ms) => isoString(ms) === new Date(ms).toISOString()), { numRuns: 20_000 });
  });

  it('throws like Date#toISOString for NaN', () => {
    expect(() => isoString(Number.NaN)).toThrow(RangeError);
  });
});
