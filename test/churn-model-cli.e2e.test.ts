/** The built `waymark-collector churn-model` on real purchase logs: CDNOW's published fit, generated data, degenerate logs. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32, simulateBgNbd } from '../packages/collector/src/segments/simulate-bgnbd.fixture.js';
import { COLLECTOR_CLI } from './support/collector.js';

// CI keeps /work/shared beside the checkout, as here: the data is at ../shared/data/cdnow/ from the repo root.
const CDNOW = fileURLToPath(new URL('../../shared/data/cdnow/cdnowElog.csv', import.meta.url));
const CDNOW_FLAGS = ['--customer-column', 'masterid', '--date-column', 'date', '--amount-column', 'sales', '--calibration-end', '1997-09-30', '--unit', 'week'];
const dir = mkdtempSync(join(tmpdir(), 'waymark-churn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function churnModel(args: string[]) {
  const r = spawnSync(process.execPath, [COLLECTOR_CLI, 'churn-model', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: r.status === 0 && args.includes('--json') ? JSON.parse(r.stdout) : undefined };
}

describe('churn-model on CDNOW (Fader, Hardie & Lee 2005)', () => {
  const { json, stderr } = churnModel(['--elog', CDNOW, ...CDNOW_FLAGS, '--per-customer', '--json']);
  const customer = (id: string) => json.perCustomer.find((c: { id: string }) => c.id === id);

  it('reproduces r, α, a, b = 0.243, 4.414, 0.793, 2.426 (±0.001) and LL −9582.4 (full precision −9582.429 ± 0.01)', () => {
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    for (const [k, v] of Object.entries(published)) expect(Math.abs(json.bgnbd[k] - v), k).toBeLessThan(0.001);
    expect(Math.abs(json.bgnbd.logLikelihood - -9582.429)).toBeLessThan(0.01);
    expect(json.customers).toBe(2357);
    expect(json.repeatBuyers).toBe(946);
    expect(stderr).toContain('fitting');
  });

  it('reproduces Gamma-Gamma p, q, γ = 6.25, 3.74, 15.44 (±0.01)', () => {
    const published = { p: 6.25, q: 3.74, gamma: 15.44 };
    for (const [k, v] of Object.entries(published)) expect(Math.abs(json.gammaGamma[k] - v), k).toBeLessThan(0.01);
  });

  it('gives customer 1516 (masterid 15562) P(alive) 0.9688523 and E[Y(52)] 25.75659 as in BTYD', () => {
    expect(customer('15562')).toMatchObject({ x: 26 });
    expect(Math.abs(customer('15562').pAlive - 0.9688523)).toBeLessThan(0.0001);
    expect(Math.abs(customer('15562').expectedPurchases - 25.75659)).toBeLessThan(0.01);
  });

  it('gives customer 1 (masterid 4) P(alive) 0.7266 and E[Y(39)] 1.226 as in Hardie’s sheet', () => {
    const r = churnModel(['--elog', CDNOW, ...CDNOW_FLAGS, '--per-customer', '--horizon', '39']);
    const row = r.stdout.split('\n').find((l) => l.startsWith('4\t'))!.split('\t');
    expect(row.slice(0, 2)).toEqual(['4', '2']);
    expect(Math.abs(Number(row[4]) - 0.7266)).toBeLessThan(0.0001);
    expect(Math.abs(Number(row[5]) - 1.226)).toBeLessThan(0.001);
    expect(r.stdout).toMatch(/^BG\/NBD {7}r 0\.2425\d+ {2}alpha 4\.41\d+/m);
  });
});

describe('churn-model on other logs', () => {
  it('recovers the parameters of a log generated from a known BG/NBD (within 25%, 3,000 customers, dates and day units)', () => {
    const truth = { r: 0.6, alpha: 40, a: 0.7, b: 2.5 }; // α in days: about one purchase per 67 days while alive
    const start = Date.UTC(2024, 0, 1);
    const u = mulberry32(11);
    const rows = ['customer,date,amount'];
    simulateBgNbd(truth, 3000, 5, [60, 365]).forEach((c, i) => {
      // simulateBgNbd gives x, t_x, T only: lay the x repeat purchases out before t_x (exact times do not matter beyond x and t_x).
      const first = start + Math.round(365 - c.T) * 86_400_000;
      const days = [0, ...Array.from({ length: Math.max(0, c.x - 1) }, () => u() * c.tx), ...(c.x ? [c.tx] : [])];
      for (const d of days) rows.push(`c${i},${new Date(first + Math.floor(d) * 86_400_000).toISOString().slice(0, 10)},${(5 + 20 * u()).toFixed(2)}`);
    });
    const file = join(dir, 'generated.csv');
    writeFileSync(file, rows.join('\n'));
    const { json } = churnModel(['--elog', file, '--amount-column', 'amount', '--calibration-end', '2024-12-31', '--unit', 'day', '--json']);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(json.bgnbd[k] / truth[k] - 1), k).toBeLessThan(0.25);
  });

  it.each([
    ['one customer', 'customer,date\nc1,2024-01-01\nc1,2024-01-20\nc1,2024-03-02\n', /do not identify the model/],
    ['nobody repeats', 'customer,date\nc1,2024-01-01\nc2,2024-01-09\nc3,2024-02-01\n', /nobody made a repeat purchase/],
    ['everyone on one day', 'customer,date\nc1,2024-01-01\nc1,2024-01-01\nc2,2024-01-01\n', /nobody made a repeat purchase/],
    ['a missing column', 'id,date\nc1,2024-01-01\n', /no customer column "customer"/],
  ])('%s: a clear error and exit code 1, never NaN', (name, csv, message) => {
    const file = join(dir, `${name.replace(/ /g, '-')}.csv`);
    writeFileSync(file, csv);
    const r = churnModel(['--elog', file, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toContain('NaN');
  });
});
