import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMedianSketch } from './median-sketch.js';

const trueMedian = (xs: number[]) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1]!;

describe('createMedianSketch', () => {
  it('is null without values and 0 for sub-second durations', () => {
    const s = createMedianSketch();
    expect(s.median()).toBeNull();
    s.add(-5);
    s.add(200);
    expect(s.median()).toBe(0);
  });

  it('is within 2.5% of the lower middle value for any durations from 1 s to a year', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1000, max: 365 * 86_400_000 }), { minLength: 1, maxLength: 200 }).filter((xs) => xs.length % 2 === 1), (xs) => {
      const s = createMedianSketch();
      for (const x of xs) s.add(x);
      const m = trueMedian(xs);
      expect(Math.abs(s.median()! - m) / m).toBeLessThanOrEqual(0.025);
    }));
  });
});
