/** The `churn-model` command's answer: BG/NBD and Gamma-Gamma fitted on a purchase-log summary. */
import { expectedPurchases, fitBgNbd, pAlive, type BgNbdFit } from './bg-nbd.js';
import { expectedSpend, fitGammaGamma, type GammaGammaFit } from './gamma-gamma.js';
import { isModelFitError } from './model-fit-error.js';
import type { ElogSummary } from './parse-elog.js';

/** Options of `churnModelReport`. */
export interface ChurnModelReportOptions {
  /** Periods ahead for expected purchases. @default 52 for weeks, 365 for days */
  horizon?: number;
  /** Include each customer's row. @default false */
  perCustomer?: boolean;
}

/** One customer's row of the report. */
export interface ChurnModelCustomerRow {
  id: string;
  x: number;
  t_x: number;
  T: number;
  pAlive: number;
  expectedPurchases: number;
  /** Gamma-Gamma expected spend per purchase (when it was fitted). */
  expectedSpend?: number;
}

/** The report printed by `waymark-collector churn-model`. */
export interface ChurnModelReport {
  bgnbd: Pick<BgNbdFit, 'r' | 'alpha' | 'a' | 'b' | 'logLikelihood' | 'iterations' | 'converged'>;
  /** null when the log has no amounts or the spend data cannot identify the model (see `gammaGammaError`). */
  gammaGamma: Pick<GammaGammaFit, 'p' | 'q' | 'gamma' | 'logLikelihood' | 'customers'> | null;
  gammaGammaError?: string;
  customers: number;
  repeatBuyers: number;
  rows: number;
  rejectedRows: number;
  lateCustomers: number;
  calibrationEnd: string;
  unit: ElogSummary['unit'];
  horizon: number;
  perCustomer?: ChurnModelCustomerRow[];
}

/** Fits both models; a BG/NBD that cannot be fitted throws its `ModelFitError`, a Gamma-Gamma one is reported. */
export function churnModelReport(summary: ElogSummary, options: ChurnModelReportOptions = {}): ChurnModelReport {
  const { customers } = summary;
  const horizon = options.horizon ?? (summary.unit == 'week' ? 52 : 365);
  const { r, alpha, a, b, logLikelihood, iterations, converged } = fitBgNbd(customers);
  const bgnbd = { r, alpha, a, b, logLikelihood, iterations, converged };
  let gammaGamma: ChurnModelReport['gammaGamma'] = null;
  let gammaGammaError: string | undefined;
  if (customers.some((c) => c.mean > 0))
    try {
      const g = fitGammaGamma(customers);
      gammaGamma = { p: g.p, q: g.q, gamma: g.gamma, logLikelihood: g.logLikelihood, customers: g.customers };
    } catch (e) {
      if (!isModelFitError(e)) throw e;
      gammaGammaError = e.message;
    }
  else gammaGammaError = 'no spend: the log has no amount column or no repeat purchase with an amount';
  const report: ChurnModelReport = {
    bgnbd, gammaGamma, ...(gammaGammaError ? { gammaGammaError } : {}),
    customers: customers.length, repeatBuyers: customers.filter((c) => c.x > 0).length, rows: summary.rows,
    rejectedRows: summary.rejected.length, lateCustomers: summary.lateCustomers, calibrationEnd: summary.calibrationEnd, unit: summary.unit, horizon,
  };
  if (options.perCustomer)
    report.perCustomer = customers.map((c) => ({
      id: c.id, x: c.x, t_x: c.tx, T: c.T, pAlive: pAlive(bgnbd, c), expectedPurchases: expectedPurchases(bgnbd, c, horizon),
      ...(gammaGamma ? { expectedSpend: expectedSpend(gammaGamma, c) } : {}),
    }));
  return report;
}
