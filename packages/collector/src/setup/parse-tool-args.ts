/** Flags of the offline commands `churn-model` and `import` → their options (pure). */
import type { ElogColumns } from '../segments/elog-rows.js';
import type { TimeUnit } from '../segments/parse-elog.js';

/** Options of `waymark-collector churn-model`. */
export interface ChurnModelOptions extends ElogColumns {
  /** Purchase log (CSV with a header). */
  elog: string;
  /** @default the log's last day */
  calibrationEnd?: string;
  /** @default 'week' */
  unit: TimeUnit;
  /** Periods ahead for expected purchases. @default 52 for weeks, 365 for days */
  horizon?: number;
  /** @default false */
  perCustomer: boolean;
  /** @default false */
  json: boolean;
}

/** Options of `waymark-collector import`. */
export interface ImportOptions extends ElogColumns {
  /** SQLite file. */
  db: string;
  /** NDJSON events, or a purchase log when `elog` is true. */
  file: string;
  /** The file is a purchase log (CSV), turned into `Order Completed` events. @default false */
  elog: boolean;
  /** @default 'default' */
  project: string;
  /** Purchase logs: move dates so the last purchase falls on this day (YYYY-MM-DD). @default no move */
  endAt?: string;
  /** @default false */
  json: boolean;
}

export type ToolCommand =
  | { command: 'churn-model'; options: ChurnModelOptions }
  | { command: 'import'; options: ImportOptions }
  | { command: 'help' }
  | { command: 'error'; message: string };

export const TOOL_USAGE = `
       waymark-collector churn-model --elog <file.csv> [--customer-column C] [--date-column D] [--amount-column A]
                         [--calibration-end YYYY-MM-DD] [--unit day|week] [--horizon N] [--per-customer] [--json]
         Fits BG/NBD and Gamma-Gamma to a purchase log (columns default to customer, date; no amount).
       waymark-collector import --db <path|postgres://…> [--project ID] <events.ndjson>
       waymark-collector import --db <path> [--project ID] --elog <file.csv> [--customer-column C] [--date-column D] [--amount-column A]
                         [--end-at YYYY-MM-DD]   (move all dates so the last purchase falls on that day)
         Imports events (or purchases as Order Completed events) through ingest's validation, dedupe and profiles.
`;

const VALUE_FLAGS = new Set(['elog', 'customer-column', 'date-column', 'amount-column', 'calibration-end', 'unit', 'horizon', 'db', 'project', 'end-at']);
const BOOLEAN_FLAGS = new Set(['per-customer', 'json']);
const ALLOWED: Record<'churn-model' | 'import', string[]> = {
  'churn-model': ['elog', 'customer-column', 'date-column', 'amount-column', 'calibration-end', 'unit', 'horizon', 'per-customer', 'json'],
  import: ['elog', 'customer-column', 'date-column', 'amount-column', 'db', 'project', 'end-at', 'json'],
};

/** Parses the flags after `churn-model` or `import`; `WAYMARK_DB` stands in for a missing `--db`. */
export function parseToolArgs(command: 'churn-model' | 'import', rest: string[], env: Record<string, string | undefined> = {}): ToolCommand {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--help' || arg === '-h') return { command: 'help' };
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) {
      positional.push(arg);
      continue;
    }
    const name = m[1]!;
    if (!ALLOWED[command].includes(name) || !(VALUE_FLAGS.has(name) || BOOLEAN_FLAGS.has(name))) return { command: 'error', message: `unknown option ${arg} for ${command}` };
    if (m[2] !== undefined) flags[name] = m[2];
    else if (BOOLEAN_FLAGS.has(name)) flags[name] = '1';
    else if (i + 1 < rest.length) flags[name] = rest[++i]!;
    else return { command: 'error', message: `option --${name} needs a value` };
  }
  const columns: ElogColumns = {};
  if (flags['customer-column']) columns.customerColumn = flags['customer-column'];
  if (flags['date-column']) columns.dateColumn = flags['date-column'];
  if (flags['amount-column']) columns.amountColumn = flags['amount-column'];
  const json = flags.json === '1';
  if (command === 'import') {
    const db = flags.db ?? env.WAYMARK_DB;
    if (!db) return { command: 'error', message: 'import needs --db <path>' };
    if (flags.elog !== undefined && positional.length) return { command: 'error', message: 'import takes either --elog <file.csv> or one NDJSON file, not both' };
    const file = flags.elog ?? positional[0];
    if (!file || positional.length > 1) return { command: 'error', message: 'import needs exactly one file' };
    const endAt = flags['end-at'];
    if (endAt !== undefined && (flags.elog === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(endAt))) return { command: 'error', message: '--end-at YYYY-MM-DD applies to --elog purchase logs' };
    return { command, options: { ...columns, db, file, elog: flags.elog !== undefined, project: flags.project ?? 'default', json, ...(endAt ? { endAt } : {}) } };
  }
  if (!flags.elog) return { command: 'error', message: 'churn-model needs --elog <file.csv>' };
  if (positional.length) return { command: 'error', message: `unexpected argument ${positional[0]}` };
  const unit = flags.unit ?? 'week';
  if (unit !== 'day' && unit !== 'week') return { command: 'error', message: '--unit must be day or week' };
  const end = flags['calibration-end'];
  if (end !== undefined && !/^\d{4}-?\d{2}-?\d{2}$/.test(end)) return { command: 'error', message: '--calibration-end must be YYYY-MM-DD' };
  const horizon = flags.horizon === undefined ? undefined : Number(flags.horizon);
  if (horizon !== undefined && !(horizon > 0)) return { command: 'error', message: '--horizon must be a positive number' };
  return {
    command,
    options: { ...columns, elog: flags.elog, unit, perCustomer: flags['per-customer'] === '1', json, ...(end ? { calibrationEnd: end } : {}), ...(horizon ? { horizon } : {}) },
  };
}
