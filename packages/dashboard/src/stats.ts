/** Small statistics for display (pure). */

/** The standard normal CDF (Abramowitz & Stegun 7.1.26 erf approximation, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Two-sided confidence that two rates differ, from a z statistic (|z| = 1.96 → 0.95). */
export const confidenceOf = (z: number | null): number | null => (z === null ? null : 2 * normalCdf(Math.abs(z)) - 1);
