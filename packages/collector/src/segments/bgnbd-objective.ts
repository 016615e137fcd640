/** The BG/NBD negative log-likelihood over compressed histories: what `fitBgNbd` evaluates hundreds of times. */
import { lnGamma } from './ln-gamma.js';
import type { BgNbdParams, RepeatHistory } from './bg-nbd.js';

const logSumExp = (u: number, v: number): number => (u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v)));

/** Terms of ln L shared by every customer with repeat count x: [lnΓ(r+x) + lnΓ(b+x) − lnΓ(a+b+x), ln(a/(b+x−1))]. */
const xTerms = ({ r, a, b }: BgNbdParams, x: number): [number, number] => [lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x), x > 0 ? Math.log(a / (b + x - 1)) : 0];

/** ln L of one history without the constant part, from its x terms and ln(α + T), ln(α + t_x). */
const historyTerm = (x: number, rx: number, [lx, l4]: readonly [number, number], lnT: number, lnTx: number): number =>
  lx + (x > 0 ? logSumExp(-rx * lnT, l4 - rx * lnTx) : -rx * lnT);

/** The part of ln L common to every customer: r ln α − lnΓ(r) + lnΓ(a+b) − lnΓ(b). */
const constantTerm = ({ r, alpha, a, b }: BgNbdParams): number => r * Math.log(alpha) - lnGamma(r) + lnGamma(a + b) - lnGamma(b);

/** The sample log-likelihood in one pass (no compression: for a single evaluation). */
export function bgnbdLogLikelihoodOnce(p: BgNbdParams, customers: readonly RepeatHistory[]): number {
  const byX = new Map<number, [number, number]>();
  let ll = customers.length * constantTerm(p);
  for (const { x, tx, T } of customers) {
    let t = byX.get(x);
    if (!t) byX.set(x, (t = xTerms(p, x)));
    ll += historyTerm(x, p.r + x, t, Math.log(p.alpha + T), Math.log(p.alpha + tx));
  }
  return ll;
}

/** Distinct values of `values` and each value's index into them. */
function indexOf(values: Float64Array): { distinct: Float64Array; index: Int32Array } {
  const map = new Map<number, number>();
  const index = new Int32Array(values.length);
  values.forEach((v, i) => {
    let k = map.get(v);
    if (k === undefined) map.set(v, (k = map.size));
    index[i] = k;
  });
  return { distinct: Float64Array.from(map.keys()), index };
}

/**
 * Compresses histories (identical ones merged with a multiplicity; x, t_x and T each indexed by their distinct
 * values, times divided by `scale`) and returns the sample log-likelihood as a function of the parameters.
 * Each evaluation computes lnΓ terms once per distinct x and ln(α + t) once per distinct time, so the
 * per-history work is one logsumexp: day-grained populations of millions fit in seconds.
 */
export function createBgNbdObjective(customers: readonly RepeatHistory[], scale: number): (p: BgNbdParams) => number {
  const groups = new Map<string, number>();
  const rows: RepeatHistory[] = [];
  const counts: number[] = [];
  for (const { x, tx, T } of customers) {
    const key = `${x},${tx},${T}`;
    const g = groups.get(key);
    if (g !== undefined) counts[g]!++;
    else groups.set(key, rows.push({ x, tx: tx / scale, T: T / scale }) - 1), counts.push(1);
  }
  const n = Float64Array.from(counts);
  const xs = indexOf(Float64Array.from(rows, (c) => c.x));
  const ts = indexOf(Float64Array.from(rows, (c) => c.T));
  const txs = indexOf(Float64Array.from(rows, (c) => c.tx));
  const total = customers.length;
  const terms: [number, number][] = [];
  const lT = new Float64Array(ts.distinct.length);
  const lTx = new Float64Array(txs.distinct.length);
  return (p) => {
    xs.distinct.forEach((x, i) => (terms[i] = xTerms(p, x)));
    ts.distinct.forEach((t, i) => (lT[i] = Math.log(p.alpha + t)));
    txs.distinct.forEach((t, i) => (lTx[i] = Math.log(p.alpha + t)));
    let ll = total * constantTerm(p);
    for (let i = 0; i < n.length; i++) {
      const k = xs.index[i]!;
      const x = xs.distinct[k]!;
      ll += n[i]! * historyTerm(x, p.r + x, terms[k]!, lT[ts.index[i]!]!, lTx[txs.index[i]!]!);
    }
    return ll;
  };
}
