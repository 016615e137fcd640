/** The offline commands behind the CLI: `churn-model` (fit and print) and `import` (load a file into a database). */
import { readFileSync } from 'node:fs';
import { churnModelReport } from '../segments/churn-model-report.js';
import { parseElog } from '../segments/parse-elog.js';
import { createJsonLogger } from '../ops/logger.js';
import { ensureProjects } from '../setup/ensure-projects.js';
import { importFile } from './import-file.js';
import type { ChurnModelOptions, ImportOptions } from '../setup/parse-tool-args.js';
import { openStorage } from './open-storage.js';

/** Where a command writes: results on stdout, progress and errors on stderr. */
export interface ToolIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(7));

/** Runs `churn-model`; returns the exit code (1 with a message on stderr when the log or the fit fails). */
export function runChurnModel(o: ChurnModelOptions, io: ToolIo): number {
  try {
    const t0 = performance.now();
    const summary = parseElog(readFileSync(o.elog, 'utf8'), o);
    io.stderr(`churn-model: ${summary.rows} purchases, ${summary.customers.length} customers to ${summary.calibrationEnd} (${summary.rejected.length} rows rejected); fitting…\n`);
    for (const r of summary.rejected.slice(0, 5)) io.stderr(`  line ${r.line}: ${r.reason}\n`);
    const report = churnModelReport(summary, { perCustomer: o.perCustomer, ...(o.horizon ? { horizon: o.horizon } : {}) });
    io.stderr(`churn-model: fitted in ${Math.round(performance.now() - t0)} ms\n`);
    if (o.json) {
      io.stdout(`${JSON.stringify(report)}\n`);
      return 0;
    }
    const { bgnbd: b, gammaGamma: g } = report;
    const lines = [
      `customers ${report.customers} (repeat buyers ${report.repeatBuyers}), calibration end ${report.calibrationEnd}, unit ${report.unit}`,
      `BG/NBD       r ${fmt(b.r)}  alpha ${fmt(b.alpha)}  a ${fmt(b.a)}  b ${fmt(b.b)}  LL ${b.logLikelihood.toFixed(4)}${b.converged ? '' : '  (not converged)'}`,
      g ? `Gamma-Gamma  p ${fmt(g.p)}  q ${fmt(g.q)}  gamma ${fmt(g.gamma)}  LL ${g.logLikelihood.toFixed(4)} (${g.customers} repeat buyers)` : `Gamma-Gamma  not fitted: ${report.gammaGammaError}`,
    ];
    if (report.perCustomer) {
      lines.push(['id', 'x', 't_x', 'T', 'p_alive', `expected_${report.horizon}`, ...(g ? ['expected_spend'] : [])].join('\t'));
      for (const c of report.perCustomer)
        lines.push([c.id, c.x, fmt(c.t_x), fmt(c.T), c.pAlive.toFixed(6), c.expectedPurchases.toFixed(6), ...(c.expectedSpend === undefined ? [] : [c.expectedSpend.toFixed(2)])].join('\t'));
    }
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    io.stderr(`waymark-collector churn-model: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** Runs `import`; the default project is created when missing, any other must exist. Returns the exit code. */
export async function runImport(o: ImportOptions, io: ToolIo): Promise<number> {
  const storage = await openStorage({ db: o.db });
  try {
    if (o.project === 'default') await ensureProjects(storage, [{ id: 'default', name: 'Default' }], createJsonLogger((l) => io.stderr(`${l}\n`), 'info'));
    let lastMs = 0;
    const summary = await importFile(storage, o.project, o.file, {
      ...o,
      ...(o.endAt ? { endAtMs: Date.parse(o.endAt) } : {}),
      onProgress: (p) => {
        if (performance.now() - lastMs < 1000) return;
        lastMs = performance.now();
        io.stderr(`import: ${p.read} read, ${p.stored} stored, ${p.duplicates} duplicates, ${p.rejected} rejected\n`);
      },
    });
    if (o.json) io.stdout(`${JSON.stringify(summary)}\n`);
    else {
      io.stdout(`read ${summary.read}, stored ${summary.stored}, duplicates ${summary.duplicates}, rejected ${summary.rejected}, skipped ${summary.skipped}\n`);
      for (const r of summary.rejections) io.stdout(`  line ${r.line}: ${r.reason}\n`);
    }
    return 0;
  } catch (error) {
    io.stderr(`waymark-collector import: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await storage.close();
  }
}
