/** Stacking of bar series (pure). */

/**
 * Cumulative sums for a stacked bar chart: series with positive values stack upwards and those with negative ones
 * downwards (lifecycle's dormant), each series drawn as its running total so that it shows as its own band.
 */
export function stack(series: ReadonlyArray<ReadonlyArray<number | null>>): number[][] {
  const up = series[0]?.map(() => 0) ?? [];
  const down = [...up];
  return series.map((values) => {
    // A series goes one way: a zero or a gap in a downward series stays at the bottom of the stack, not the top.
    const downward = values.some((v) => (v ?? 0) < 0);
    return values.map((v, i) => (downward ? (down[i] = down[i]! + (v ?? 0)) : (up[i] = up[i]! + (v ?? 0))));
  });
}
