// BG/NBD and Gamma-Gamma maximum-likelihood fits on CDNOW (2,357 customers, 39-week calibration):
// goal ≤ 1 s for the BG/NBD fit (issue 11). Also the per-customer pass (P(alive) + E[Y(52)]) and the
// log parsing, each the median of 5 runs after a warm-up, and the floor: one likelihood evaluation.
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
