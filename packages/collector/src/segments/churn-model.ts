/**
 * Churn risk as a recompute model: BG/NBD fitted on the project's customers (purchase days from facts), P(alive)
 * and expected purchases, Gamma-Gamma spend, the cadence rule for one-time buyers (the churn half's functions).
 */
import type { AnalyticsConfig } from '@waymark/core';
import { churnInputsFromFacts, churnRisk, churnSummary, fitBgNbd, fitGammaGamma, isModelFitError, type BgNbdFit, type ChurnInputs, type GammaGammaFit } from './index.js';
import type { ModelContext, UserModel } from './user-model.js';

const round3 = (v: number) => Math.round(v * 1000) / 1000;

export function createChurnModel({ config, nowMs }: ModelContext): UserModel {
  const settings = (config.analytics as AnalyticsConfig | undefined)?.churn ?? {};
  const unit = settings.unit ?? 'week';
  const horizon = settings.horizon ?? (unit === 'week' ? 52 : 365);
  const keys: string[] = [];
  const customers: ChurnInputs[] = [];
  return {
    kind: 'churn',
    add(key, facts) {
      const c = churnInputsFromFacts(facts, nowMs, unit);
      if (c) keys.push(key), customers.push(c);
    },
    finish() {
      if (!customers.length) return { result: null };
      // A population the models cannot fit (nobody repeats, one customer…) still gets the cadence rule.
      const attempt = <T>(fit: () => T): { value: T | null; error: string | null } => {
        try {
          return { value: fit(), error: null };
        } catch (error) {
          if (isModelFitError(error)) return { value: null, error: error.message };
          throw error;
        }
      };
      const bg = attempt<BgNbdFit>(() => fitBgNbd(customers));
      const repeat = customers.filter((c) => c.x > 0 && c.mean > 0).map((c) => ({ x: c.x, mean: c.mean }));
      const gg = attempt<GammaGammaFit>(() => fitGammaGamma(repeat));
      const risks = churnRisk(customers, { bgnbd: bg.value, gammaGamma: gg.value, horizon });
      const index = new Map(keys.map((k, i) => [k, i]));
      const summary = churnSummary(keys, risks, { top: 50 });
      return {
        result: {
          unit, horizon,
          bgnbd: bg.value, bgnbdError: bg.error, gammaGamma: gg.value, gammaGammaError: gg.error,
          ...summary,
        },
        fieldsOf: (key) => {
          const i = index.get(key);
          const p = i === undefined ? null : risks[i]!.pAlive;
          return p === null ? undefined : { pAlive: round3(p) };
        },
      };
    },
  };
}
