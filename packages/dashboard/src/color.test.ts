import { describe, expect, it } from 'vitest';
import { contrast, heat, textOn } from './color.js';

describe('heat-map colours', () => {
  it('keeps text at WCAG AA contrast (4.5:1) on every shade', () => {
    for (let i = 0; i <= 100; i++) {
      const bg = heat(i / 100);
      expect(contrast(bg, textOn(bg)), `share ${i}%`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('goes from white to a mid blue', () => {
    expect(heat(0)).toEqual([255, 255, 255]);
    expect(heat(1)).toEqual([120, 160, 230]);
    expect(heat(2)).toEqual([120, 160, 230]);
  });
});
