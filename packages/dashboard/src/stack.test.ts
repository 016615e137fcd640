import { describe, expect, it } from 'vitest';
import { stack } from './stack.js';

describe('stack', () => {
  it('stacks positive values upwards and negative ones downwards, per x', () => {
    // new, returning, dormant (negative) over two periods
    expect(stack([[2, 1], [3, 0], [-4, -1]])).toEqual([[2, 1], [5, 1], [-4, -1]]);
    expect(stack([[1, 2], [-1, -2], [null, 3], [-2, null]])).toEqual([[1, 2], [-1, -2], [1, 5], [-3, -2]]);
  });
});
