import { describe, expect, it } from 'vitest';
import { churnRisk } from './churn-risk.js';
import { churnSummary } from './churn-summary.js';
import { rfmCellCounts, rfmGroupSummary } from './rfm-summary.js';
import { rfmScores } from './rfm-scores.js';

const BTYD = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('churnSummary', () => {
  const customers = [
    { x: 26, tx: 30.86, T: 31, mean: 40 }, // active
    { x: 10, tx: 5, T: 39, mean: 90 }, // frequent, then silent: churned, valuable
    { x: 2, tx: 10, T: 39, mean: 20 }, // at risk, less valuable
    { x: 0, tx: 0, T: 39 }, // one-time, long ago (cadence)
    { x: 0, tx: 0, T: 1 }, // one-time, recent
  ];
  const risks = churnRisk(customers, { bgnbd: BTYD, gammaGamma: GG, horizon: 39 });
  const s = churnSummary(['a', 'b', 'c', 'd', 'e'], risks, { top: 2 });

  it('counts statuses by the rule that decided and bins P(alive) of repeat buyers', () => {
    expect(s.customers).toBe(5);
    expect(s.byRule.bgnbd).toEqual({ active: 1, 'at-risk': 1, churned: 1, unknown: 0 });
    expect(s.byRule.cadence.active + s.byRule.cadence['at-risk'] + s.byRule.cadence.churned).toBe(2);
    expect(s.pAliveHistogram.reduce((a, b) => a + b, 0)).toBe(3);
    expect(s.pAliveHistogram[9]).toBe(1);
    expect(s.expectedPurchases).toBeCloseTo(risks.reduce((t, r) => t + r.expectedPurchases!, 0), 10);
  });

  it('lists the most valuable customers at risk first, by their value if still active', () => {
    expect(s.atRisk.map((c) => c.key)).toEqual(['b', 'c']);
    expect(s.atRisk[0]!.valueIfActive).toBeGreaterThan(s.atRisk[1]!.valueIfActive!);
  });
});

describe('rfmGroupSummary', () => {
  it('gives every group its count and mean inputs, empty groups as 0 / null', () => {
    const inputs = [
      { recency: 1, frequency: 20, monetary: 500 },
      { recency: 2, frequency: 18, monetary: 300 },
      { recency: 90, frequency: 1, monetary: 10 },
      { recency: Infinity, frequency: 0, monetary: 0 },
    ];
    const scores = rfmScores(inputs);
    const groups = rfmGroupSummary(inputs, scores);
    expect(groups).toHaveLength(10);
    expect(groups.reduce((t, g) => t + g.count, 0)).toBe(4);
    const champions = groups.find((g) => g.name == 'champions')!;
    expect(champions).toMatchObject({ count: 1, recency: 1, frequency: 20, monetary: 500 });
    expect(groups.find((g) => g.name == 'loyal customers')).toMatchObject({ count: 1, recency: 2 });
    expect(groups.find((g) => g.name == 'hibernating')).toMatchObject({ count: 2, recency: 90, frequency: 0.5, monetary: 5 });
    expect(groups.find((g) => g.name == 'promising')).toEqual({ name: 'promising', count: 0, recency: null, frequency: null, monetary: null });
    expect(rfmCellCounts(scores).flat().reduce((a, b) => a + b, 0)).toBe(4);
  });
});
