import { describe, expect, it } from 'vitest';
import type { LifecyclePeriod } from '../types/population.js';
import { stickiness } from './stickiness.js';

const period = (start: string, end: string, active: number): LifecyclePeriod =>
  ({ start, end, active, new: 0, returning: active, resurrecting: 0, dormant: 0, statuses: null });

describe('stickiness', () => {
  it('is the mean of the daily actives inside the period over the period actives', () => {
    const days = [period('2026-11-30', '2026-11-30', 10), period('2026-12-01', '2026-12-01', 20), period('2026-12-07', '2026-12-07', 99)];
    const weeks = [period('2026-11-30', '2026-12-06', 40), period('2026-12-07', '2026-12-13', 0)];
    expect(stickiness(days, weeks)).toEqual([
      { start: '2026-11-30', active: 40, meanDau: 15, stickiness: 15 / 40 },
      { start: '2026-12-07', active: 0, meanDau: 99, stickiness: null },
    ]);
  });
});
