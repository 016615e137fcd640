/** Test data drawn from a known BG/NBD (and Gamma-Gamma) model with a seeded generator. */
import type { BgNbdParams } from './bg-nbd.js';

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const normal = (u: () => number) => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());

/** Gamma(shape, rate) by Marsaglia–Tsang (with the shape < 1 boost). */
export function gammaSample(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaSample(u, shape + 1, rate) * Math.pow(1 - u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(u);
    const v = (1 + c * z) ** 3;
    if (v > 0 && Math.log(1 - u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** Customers from BG/NBD: T uniform in [minT, maxT]; per customer λ ~ Gamma(r, α), p ~ Beta(a, b). */
export function simulateBgNbd(p: BgNbdParams, n: number, seed: number, [minT, maxT] = [20, 52]) {
  const u = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const T = minT + (maxT - minT) * u();
    const lambda = gammaSample(u, p.r, p.alpha);
    const g = gammaSample(u, p.a, 1);
    const drop = g / (g + gammaSample(u, p.b, 1));
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - u()) / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (u() < drop) break;
    }
    return { x, tx, T };
  });
}
