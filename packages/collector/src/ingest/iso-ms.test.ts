import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIsoMs, isoMs } from './iso-ms.js';

const MIN_MS = -62_167_219_200_000; // 0000-01-01
const MAX_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999

describe('canonicalIsoMs', () => {
  it.each([
    ['2026-11-26T02:30:00.123Z', Date.parse('2026-11-26T02:30:00.123Z')],
    ['2026-11-26T02:30:00Z', Date.parse('2026-11-26T02:30:00Z')],
    ['1970-01-01T00:00:00.000Z', 0],
    ['1969-12-31T23:59:59.999Z', undefined], // day 31: left to Date.parse
    ['2000-02-28T23:59:59.999Z', Date.parse('2000-02-28T23:59:59.999Z')],
    ['0000-01-01T00:00:00.000Z', MIN_MS],
    ['2026-11-26T02:30:00.123+01:00', undefined],
    ['2026-11-26T02:30:00.12Z', undefined],
    ['2026-11-26 02:30:00.123Z', undefined],
    ['2026-13-26T02:30:00.123Z', undefined],
    ['2026-11-26T24:00:00.000Z', undefined],
    ['2026-11-26T02:60:00.000Z', undefined],
    ['2026-1a-26T02:30:00.123Z', undefined],
    ['+02026-11-26T02:30:00Z', undefined],
  ])('%s -> %s', (s, ms) => {
    expect(canonicalIsoMs(s)).toBe(ms);
  });

  it("answers Date.parse's own number for every toISOString form up to the 28th", () => {
    fc.assert(fc.property(fc.integer({ min: MIN_MS, max: MAX_MS }), fc.boolean(), (ms, withMillis) => {
      const iso = new Date(ms).toISOString();
      const s = withMillis ? iso : `${iso.slice(0, 19)}Z`;
      const fast = canonicalIsoMs(s);
      if (Number(s.slice(8, 10)) > 28) return fast === undefined;
      return fast === Date.parse(s);
    }), { numRuns: 20_000 });
  });

  it('never answers a number Date.parse would not give, for near-ISO strings', () => {
    const chars = fc.constantFrom(...'0123456789-:.TZ+ z');
    const mutated = fc.tuple(fc.integer({ min: MIN_MS, max: MAX_MS }), fc.nat(23), chars)
      .map(([ms, at, c]) => { const s = new Date(ms).toISOString(); return s.slice(0, at) + c + s.slice(at + 1); });
    fc.assert(fc.property(fc.oneof(mutated, fc.string({ maxLength: 24 })), (s) => {
      const fast = canonicalIsoMs(s);
      return fast === undefined || fast === Date.parse(s);
    }), { numRuns: 20_000 });
  });

  it.each(['2026-11-26T02:30:00.123Z', '2026-11-30T02:30:00.123Z', '2026-11-26T02:30:00+01:00', 'not a date'])('isoMs(%s) is Date.parse', (s) => {
    expect(isoMs(s)).toBe(Date.parse(s));
  });
});
