/** Special functions the purchase models need: lnΓ (Lanczos) and ln ₂F₁ (power series, scaled). */

const G = 7;
const C = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (Lanczos, g = 7, about 15 significant digits); NaN for x ≤ 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  // Reflection keeps the approximation accurate for small x: Γ(x)Γ(1−x) = π / sin(πx).
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let s = C[0]!;
  for (let i = 1; i < G + 2; i++) s += C[i]! / (z + i);
  const t = z + G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** ln B(a, b). */
export const lnBeta = (a: number, b: number): number => lnGamma(a) + lnGamma(b) - lnGamma(a + b);

const MAX_TERMS = 1_000_000;

/**
 * ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1, summed as the plain power series (Hardie's
 * method, note 027) until a term is below 1e-15 of the sum. Large intermediate terms are rescaled so
 * the series never overflows; the result is a logarithm so callers can combine it with powers.
 */
export function lnHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1) || !(a > 0 && b > 0 && c > 0)) return NaN;
  let term = 1;
  let sum = 1;
  let lnScale = 0;
  for (let j = 0; j < MAX_TERMS; j++) {
    const ratio = ((a + j) * (b + j) * z) / ((c + j) * (j + 1));
    term *= ratio;
    sum += term;
    if (sum > 1e250) {
      sum /= 1e250;
      term /= 1e250;
      lnScale += 250 * Math.LN10;
    }
    // The term ratios tend to z; once below 1, the tail is at most a geometric series with ratio max(ratio, z).
    const q = Math.max(ratio, z);
    if (ratio < 1 && (term * q) / (1 - q) < sum * 1e-16) break;
  }
  return Math.log(sum) + lnScale;
}
