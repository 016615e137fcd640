/** The built `waymark-collector import` into a real SQLite file: purchase logs and NDJSON, resumable, profiles feed the churn models. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { churnInputsFromFacts, churnRisk, fitBgNbd, type ChurnInputs } from '@waymark/collector';
import { createSqliteStorage } from '@waymark/collector/node';
import type { Facts } from '@waymark/core';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../packages/collector/src/segments/simulate-bgnbd.fixture.js';
import { COLLECTOR_CLI } from './support/collector.js';

const dir = mkdtempSync(join(tmpdir(), 'waymark-import-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'waymark.db');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [COLLECTOR_CLI, 'import', '--db', db, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// 300 customers with their own rates (a mean gap of 5 to 85 days), every third stopping in spring; quoted header, one bad row.
const rows = ['"customer","date","amount"'];
const u = mulberry32(7);
for (let i = 0; i < 300; i++) {
  const meanGap = 5 * 1.5 ** (i % 8);
  const stop = i % 3 ? 366 : 100 + (i % 50);
  for (let day = Math.floor(u() * 90); day < stop; day += 1 + Math.floor(-Math.log(1 - u()) * meanGap))
    rows.push(`"cust ${i}",${new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)},${(10 + (i % 17)).toFixed(2)}`);
}
rows.push('"cust x",2024-13-01,5');
const elog = join(dir, 'purchases.csv');
writeFileSync(elog, rows.join('\r\n'));

describe('waymark-collector import', () => {
  it('imports a purchase log into project default and a re-run stores nothing twice', () => {
    const first = run(['--elog', elog, '--customer-column', 'customer', '--date-column', 'date', '--amount-column', 'amount', '--json']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ read: rows.length - 1, stored: rows.length - 2, duplicates: 0, rejected: 1 });
    expect(summary.rejections[0].reason).toContain('bad date');
    const again = JSON.parse(run(['--elog', elog, '--customer-column', 'customer', '--date-column', 'date', '--amount-column', 'amount', '--json']).stdout);
    expect(again).toMatchObject({ stored: 0, duplicates: rows.length - 2 });
  });

  it('imports NDJSON events and says which lines it rejected and why', () => {
    const ndjson = join(dir, 'events.ndjson');
    writeFileSync(ndjson, [
      JSON.stringify({ type: 'track', event: 'Signed Up', userId: 'cust 1', messageId: 'n1', timestamp: '2024-01-01T09:00:00Z' }),
      JSON.stringify({ type: 'track', userId: 'cust 1', messageId: 'n2', timestamp: '2024-01-01T09:00:00Z' }),
    ].join('\n'));
    const r = run([ndjson]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^read 2, stored 1, duplicates 0, rejected 1, skipped 0\n {2}line 2: /);
  });

  it('fills the profiles the churn models read (distinct purchase days, first purchase, revenue)', async () => {
    const storage = createSqliteStorage({ path: db });
    try {
      const now = Date.UTC(2025, 0, 1);
      const customers: ChurnInputs[] = [];
      for (let i = 0; i < 300; i++) {
        const profile = await storage.readProfile('default', { userId: `cust ${i}` });
        customers.push(churnInputsFromFacts(profile!.facts as Facts, now, 'week')!);
      }
      expect(customers.every((c) => c && c.T >= c.tx && c.mean > 0)).toBe(true);
      const fit = fitBgNbd(customers);
      const risk = churnRisk(customers, { bgnbd: fit });
      // Those who stopped in spring (every third customer) are judged riskier than those still buying.
      const stopped = risk.filter((_, i) => i % 3 === 0 && customers[i]!.x > 0);
      const buying = risk.filter((_, i) => i % 3 !== 0 && customers[i]!.x > 0);
      const share = (rs: typeof risk) => rs.filter((r) => r.status !== 'active').length / rs.length;
      expect(share(stopped)).toBeGreaterThan(0.8);
      expect(share(buying)).toBeLessThan(0.2);
    } finally {
      await storage.close();
    }
  });

  it('refuses a project that does not exist', () => {
    const r = run(['--project', 'shop', elog.replace('.csv', '.ndjson')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no project "shop"');
  });
});
