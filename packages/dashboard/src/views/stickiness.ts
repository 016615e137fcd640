/** Stickiness per week or month from lifecycle's daily and longer periods (pure). */
import type { LifecyclePeriod } from '../types/population.js';

/** Each longer period with its actives and stickiness = mean daily actives within it ÷ its actives. */
export function stickiness(days: readonly LifecyclePeriod[], periods: readonly LifecyclePeriod[]) {
  return periods.map((p) => {
    const inside = days.filter((d) => d.start >= p.start && d.start <= p.end);
    const meanDau = inside.length ? inside.reduce((s, d) => s + d.active, 0) / inside.length : null;
    return { start: p.start, active: p.active, meanDau, stickiness: meanDau !== null && p.active ? meanDau / p.active : null };
  });
}
