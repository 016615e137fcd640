import { DAY_MS, emptyFacts, reduceEvents, type WireEvent } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { churnInputsFromFacts } from './churn-inputs-from-facts.js';

const T0 = Date.UTC(2026, 0, 5, 9);
let id = 0;
const buy = (dayOffset: number, revenue: number, event = 'Order Completed'): WireEvent => ({
  type: 'track', event, messageId: `m${id++}`, userId: 'u1', timestamp: new Date(T0 + dayOffset * DAY_MS).toISOString(), properties: { revenue },
});

describe('churnInputsFromFacts', () => {
  it('counts distinct purchase days after the first, in weeks from the first purchase', () => {
    const f = reduceEvents(emptyFacts(), [buy(0, 10), buy(0.1, 5), buy(7, 20), buy(14, 30), buy(20, 0, 'Viewed')]);
    expect(churnInputsFromFacts(f, T0 + 28 * DAY_MS)).toEqual({ x: 2, tx: 2, T: 4, mean: 65 / 3 });
    expect(churnInputsFromFacts(f, T0 + 28 * DAY_MS, 'day')).toMatchObject({ tx: 14, T: 28 });
  });
  it('is null for a profile that never bought, and 0 x for a one-time buyer', () => {
    expect(churnInputsFromFacts(reduceEvents(emptyFacts(), [buy(0, 1, 'Viewed')]), T0)).toBeNull();
    expect(churnInputsFromFacts(reduceEvents(emptyFacts(), [buy(0, 0)]), T0 + 3 * DAY_MS, 'day')).toEqual({ x: 0, tx: 0, T: 3, mean: 0 });
  });
  it('reads facts stored before purchase days existed as no purchase history', () => {
    const old = { ...emptyFacts() } as Partial<ReturnType<typeof emptyFacts>>;
    delete old.buy;
    delete old.nbuy;
    expect(churnInputsFromFacts(old as ReturnType<typeof emptyFacts>, T0)).toBeNull();
  });
});
