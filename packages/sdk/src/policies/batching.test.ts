import { describe, expect, it } from 'vitest';
import { batchLength, isBatchFull, overflowCount } from './batching.js';

describe('batchLength', () => {
  const limits = { maxBatchEvents: 3, maxBatchBytes: 100 };
  it.each([
    [[], 0],
    [[10], 1],
    [[10, 10, 10, 10], 3],
    [[60, 30, 20], 2],
    [[150, 10], 1],
    [[50, 50, 1], 2],
    [[99, 1, 1], 2],
    [[1, 200], 1],
  ])('sizes %j → %i events', (sizes, expected) => {
    expect(batchLength(sizes, limits)).toBe(expected);
  });
});

describe('isBatchFull', () => {
  const limits = { maxBatchEvents: 20, maxBatchBytes: 1_000 };
  it.each([
    [0, 0, false],
    [19, 999, false],
    [20, 10, true],
    [2, 1_000, true],
  ])('%i events / %i bytes → %s', (events, bytes, expected) => {
    expect(isBatchFull(events, bytes, limits)).toBe(expected);
  });
});

describe('overflowCount', () => {
  const caps = { maxQueueEvents: 3, maxQueueBytes: 100 };
  it.each([
    // totalEvents, totalBytes, oldest sizes, expected drops
    [3, 90, [30, 30, 30], 0],
    [5, 50, [10, 10, 10, 10, 10], 2],
    [2, 150, [100, 50], 1],
    [2, 150, [40, 110], 2],
    [4, 400, [100, 100, 100, 100], 3],
    [10, 10, [1, 1], 2],
  ])('%i events / %i bytes, oldest %j → drop %i', (events, bytes, sizes, expected) => {
    expect(overflowCount(events, bytes, sizes, caps)).toBe(expected);
  });
});
