/** Nelder–Mead simplex minimisation (unconstrained), deterministic, with one restart from the optimum. */

/** Options of `nelderMead`. */
export interface NelderMeadOptions {
  /** Stop when the simplex's function values differ by less than this times (1 + |best value|). @default 1e-12 */
  fTolerance?: number;
  /** Stop when every vertex is within this of the best one in every coordinate. @default 1e-9 */
  xTolerance?: number;
  /** Function evaluations allowed in total. @default 20000 */
  maxEvaluations?: number;
  /** Initial step of each coordinate. @default 0.5 */
  step?: number;
}

/** The result of `nelderMead`. */
export interface NelderMeadResult {
  x: number[];
  fx: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Minimises `f` from `start`. Non-finite values of `f` count as +Infinity, so the simplex walks away
 * from them. After convergence the search restarts once from the optimum with a fresh simplex
 * (the standard guard against a collapsed simplex stopping early) and keeps the better point.
 */
export function nelderMead(f: (x: number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const { fTolerance = 1e-12, xTolerance = 1e-9, maxEvaluations = 20_000, step = 0.5 } = options;
  let evaluations = 0;
  const fn = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let best = { x: [...start], fx: fn([...start]) };
  let converged = false;
  for (let round = 0; round < 2; round++) {
    const r = simplexRun(fn, best.x, step / (round + 1), fTolerance, xTolerance, () => evaluations < maxEvaluations);
    converged = r.converged;
    if (r.fx <= best.fx) best = r;
  }
  return { x: best.x, fx: best.fx, evaluations, converged };
}

function simplexRun(fn: (x: number[]) => number, x0: number[], step: number, fTol: number, xTol: number, more: () => boolean) {
  const n = x0.length;
  const pts = [x0, ...x0.map((_, i) => x0.map((v, j) => (i == j ? v + step : v)))];
  let vals = pts.map(fn);
  const order = () => {
    const idx = pts.map((_, i) => i).sort((i, j) => vals[i]! - vals[j]!);
    const p = idx.map((i) => pts[i]!);
    vals = idx.map((i) => vals[i]!);
    pts.splice(0, pts.length, ...p);
  };
  const along = (c: number[], to: number[], t: number) => c.map((v, j) => v + t * (to[j]! - v));
  let converged = false;
  while (more()) {
    order();
    const spread = Math.max(...pts.slice(1).flatMap((p) => p.map((v, j) => Math.abs(v - pts[0]![j]!))));
    if (Math.abs(vals[n]! - vals[0]!) <= fTol * (1 + Math.abs(vals[0]!)) && spread <= xTol * 1e3) {
      converged = true;
      break;
    }
    if (spread <= xTol) {
      converged = true;
      break;
    }
    const centroid = x0.map((_, j) => pts.slice(0, n).reduce((s, p) => s + p[j]!, 0) / n);
    const worst = pts[n]!;
    const xr = along(centroid, worst, -1);
    const fr = fn(xr);
    if (fr < vals[0]!) {
      const xe = along(centroid, worst, -2);
      const fe = fn(xe);
      [pts[n], vals[n]] = fe < fr ? [xe, fe] : [xr, fr];
    } else if (fr < vals[n - 1]!) {
      [pts[n], vals[n]] = [xr, fr];
    } else {
      const outside = fr < vals[n]!;
      const xc = along(centroid, outside ? xr : worst, 0.5);
      const fc = fn(xc);
      if (fc < (outside ? fr : vals[n]!)) [pts[n], vals[n]] = [xc, fc];
      else for (let i = 1; i <= n; i++) (pts[i] = along(pts[0]!, pts[i]!, 0.5)), (vals[i] = fn(pts[i]!));
    }
  }
  order();
  return { x: pts[0]!, fx: vals[0]!, converged };
}
