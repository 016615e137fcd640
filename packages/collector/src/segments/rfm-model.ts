/** RFM as a recompute model: every customer's tie-aware quintile scores and named group (the churn half's functions). */
import type { AnalyticsConfig } from '@waymark/core';
import { rfmCellCounts, rfmGroupSummary, rfmInputFromFacts, rfmScores, type RfmInput } from './index.js';
import type { ModelContext, UserModel } from './user-model.js';

/** Customers needed before quintiles mean anything. */
const MIN_CUSTOMERS = 5;

const histogram = (scores: readonly number[]) => {
  const out = [0, 0, 0, 0, 0];
  for (const s of scores) out[s - 1]!++;
  return out;
};

export function createRfmModel({ config, nowMs }: ModelContext): UserModel {
  const settings = (config.analytics as AnalyticsConfig | undefined)?.rfm ?? {};
  const keys: string[] = [];
  const inputs: RfmInput[] = [];
  return {
    kind: 'rfm',
    add(key, facts) {
      const input = rfmInputFromFacts(facts, nowMs, settings);
      // Customers only: RFM ranks people who bought (or, with `frequency: 'activeDays'`, who were active).
      if (input.frequency > 0) keys.push(key), inputs.push(input);
    },
    finish() {
      if (inputs.length < MIN_CUSTOMERS) return { result: null };
      const scores = rfmScores(inputs, settings.table ? { table: settings.table } : {});
      const index = new Map(keys.map((k, i) => [k, i]));
      return {
        result: {
          customers: inputs.length, table: settings.table ?? 'rf', frequency: settings.frequency ?? 'purchaseDays', monetary: settings.monetary ?? 'revenue',
          groups: rfmGroupSummary(inputs, scores),
          scores: { grid: rfmCellCounts(scores), r: histogram(scores.map((s) => s.r)), f: histogram(scores.map((s) => s.f)), m: histogram(scores.map((s) => s.m)) },
        },
        fieldsOf: (key) => {
          const i = index.get(key);
          return i === undefined ? undefined : { rfm: scores[i]!.group };
        },
      };
    },
  };
}
