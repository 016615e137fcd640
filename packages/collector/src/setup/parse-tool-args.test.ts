import { describe, expect, it } from 'vitest';
import { parseArgs } from './parse-args.js';

const noFile = (): string => {
  throw new Error('no file');
};
const parse = (argv: string[], env: Record<string, string> = {}) => parseArgs(argv, env, noFile);

describe('churn-model and import arguments', () => {
  it('reads churn-model flags with documented defaults', () => {
    expect(parse(['churn-model', '--elog', 'log.csv'])).toEqual({ command: 'churn-model', options: { elog: 'log.csv', unit: 'week', perCustomer: false, json: false } });
    expect(parse(['churn-model', '--elog=l.csv', '--customer-column', 'masterid', '--date-column', 'date', '--amount-column', 'sales', '--calibration-end', '1997-09-30', '--unit', 'day', '--horizon', '39', '--per-customer', '--json'])).toEqual({
      command: 'churn-model',
      options: { elog: 'l.csv', customerColumn: 'masterid', dateColumn: 'date', amountColumn: 'sales', calibrationEnd: '1997-09-30', unit: 'day', horizon: 39, perCustomer: true, json: true },
    });
  });

  it('reads import of NDJSON or of a purchase log, into project default unless --project', () => {
    expect(parse(['import', '--db', 'w.db', 'events.ndjson'])).toEqual({ command: 'import', options: { db: 'w.db', file: 'events.ndjson', elog: false, project: 'default', json: false } });
    expect(parse(['import', '--project', 'shop', '--elog', 'p.csv', '--customer-column', 'id', '--end-at', '2026-12-01'], { WAYMARK_DB: 'env.db' })).toEqual({
      command: 'import', options: { db: 'env.db', file: 'p.csv', elog: true, customerColumn: 'id', project: 'shop', json: false, endAt: '2026-12-01' },
    });
  });

  it.each([
    [['churn-model'], 'needs --elog'],
    [['churn-model', '--elog', 'x', '--unit', 'month'], '--unit must be day or week'],
    [['churn-model', '--elog', 'x', '--calibration-end', 'Sept 30'], 'YYYY-MM-DD'],
    [['churn-model', '--elog', 'x', '--horizon', '-1'], 'positive'],
    [['churn-model', '--elog', 'x', '--db', 'w.db'], 'unknown option --db'],
    [['import', 'x.ndjson'], 'needs --db'],
    [['import', '--db', 'w.db'], 'exactly one file'],
    [['import', '--db', 'w.db', '--elog', 'a.csv', 'b.ndjson'], 'not both'],
    [['import', '--db', 'w.db', 'x', '--per-customer'], 'unknown option'],
    [['import', '--db', 'w.db', 'x.ndjson', '--end-at', '2026-01-01'], 'applies to --elog'],
  ])('refuses %j with a message', (argv, message) => {
    const r = parse(argv);
    expect(r.command === 'error' && r.message).toContain(message);
  });

  it('prints help for --help', () => expect(parse(['import', '--help']).command).toBe('help'));
});
