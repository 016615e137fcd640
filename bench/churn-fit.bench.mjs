// BG/NBD and Gamma-Gamma maximum-likelihood fits on CDNOW (2,357 customers, 39-week calibration):
// goal ≤ 1 s for the BG/NBD fit (issue 11). Also the per-customer pass (P(alive) + E[Y(52)]) and the
// log parsing, each the median of 5 runs after a warm-up, and the floor: one likelihood evaluation. Then a
// day-grained population of 1,000,000 (issue 11's recomputation size): the fit, P(alive) for all, and a bare scan.
// Run after `pnpm -r build`: node bench/churn-fit.bench.mjs
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const m = await import(join(root, 'packages/collector/dist/index.js'));
const elog = join(root, '../shared/data/cdnow/cdnowElog.csv');
if (!existsSync(elog)) {
  console.log(`churn-fit: CDNOW data not found at ${elog} (../shared/data/cdnow/ beside the checkout); skipped`);
  process.exit(0);
}
const text = readFileSync(elog, 'utf8');
const opts = { customerColumn: 'masterid', dateColumn: 'date', amountColumn: 'sales', calibrationEnd: '1997-09-30', unit: 'week' };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn, runs = 5) {
  if (runs === 0) {
    const t0 = performance.now();
    return { out: fn(), ms: performance.now() - t0 };
  }
  fn();
  const ms = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), out };
}

const parsed = time(() => m.parseElog(text, opts));
const customers = parsed.out.customers;
const ll = time(() => m.bgnbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, customers), 50);
const bg = time(() => m.fitBgNbd(customers));
const gg = time(() => m.fitGammaGamma(customers));
const per = time(() => customers.map((c) => [m.pAlive(bg.out, c), m.expectedPurchases(bg.out, c, 52)]));

const row = (label, ms, note = '') => console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${note}`);
console.log(`CDNOW: ${customers.length} customers, ${parsed.out.rows} purchases (median of 5 runs)`);
row('parse purchase log (parseElog)', parsed.ms);
row('one BG/NBD log-likelihood (floor per step)', ll.ms);
row('fitBgNbd', bg.ms, `goal ≤ 1000 ms: ${bg.ms <= 1000 ? 'met' : 'MISSED'}; ${bg.out.iterations} evaluations; LL ${bg.out.logLikelihood.toFixed(4)} (published −9582.4)`);
row('fitGammaGamma (946 repeat buyers)', gg.ms, `${gg.out.iterations} evaluations`);
row('P(alive) + E[Y(52)] for every customer', per.ms, `${((per.ms / customers.length) * 1000).toFixed(1)} µs per customer`);

// A day-grained population of 1,000,000 customers (as profiles give them) drawn from a known BG/NBD, seeded.
let seed = 12345;
const u = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const gamma = (k) => {
  if (k < 1) return gamma(k + 1) * Math.pow(u(), 1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    const v = (1 + c * z) ** 3;
    if (v > 0 && Math.log(1 - u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
};
const truth = { r: 0.5, alpha: 30, a: 0.8, b: 2.5 };
const population = [];
for (let i = 0; i < 1_000_000; i++) {
  const T = 1 + Math.floor(u() * 365);
  const lambda = gamma(truth.r) / truth.alpha;
  const g = gamma(truth.a);
  const drop = g / (g + gamma(truth.b));
  let t = 0, x = 0, tx = 0;
  for (;;) {
    t += -Math.log(1 - u()) / lambda;
    if (t > T) break;
    x++;
    tx = t;
    if (u() < drop) break;
  }
  population.push({ x, tx: x ? Math.max(1, Math.floor(tx)) : 0, T });
}
// On a shared machine wall time includes waiting for a core: the CPU time of the process is printed beside it.
const cpu0 = process.cpuUsage();
const big = time(() => m.fitBgNbd(population), 0);
const cpu = process.cpuUsage(cpu0);
const f = big.out;
row('fitBgNbd, 1,000,000 day-grained customers', big.ms, `CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; fitted on an evenly spaced 100,000; r ${f.r.toFixed(3)} α ${f.alpha.toFixed(1)} a ${f.a.toFixed(3)} b ${f.b.toFixed(3)} (truth 0.5, 30, 0.8, 2.5)`);
const scan = time(() => { let s = 0; for (const c of population) s += c.x + c.tx + c.T; return s; }, 3);
row('  floor: one pass over the 1,000,000 histories', scan.ms);
const pa = time(() => { let s = 0; for (const c of population) s += m.pAlive(f, c); return s; }, 1);
row('  P(alive) for all 1,000,000', pa.ms);
