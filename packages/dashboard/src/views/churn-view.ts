/** Churn risk: the BG/NBD fit, the P(alive) histogram and the valuable customers most at risk. */
import { api } from '../api.js';
import { chart } from '../chart.js';
import { el, panel } from '../dom.js';
import { money, num, pct } from '../format.js';
import { dataTable } from '../table.js';
import type { ChurnAnswer } from '../types/population.js';
import { userHref } from './links.js';
import type { View } from './view.js';


export const churnView: View = {
  id: 'churn',
  title: 'Churn risk',
  controls: {},
  async render() {
    const c = await api<ChurnAnswer>('/v1/admin/analytics/churn');
    const h = c.pAliveHistogram;
    const fit = c.bgnbd
      ? `BG/NBD per ${c.unit}: r ${c.bgnbd.r.toFixed(3)}, α ${c.bgnbd.alpha.toFixed(3)}, a ${c.bgnbd.a.toFixed(3)}, b ${c.bgnbd.b.toFixed(3)}; log-likelihood ${num(c.bgnbd.logLikelihood)}${c.bgnbd.converged ? '' : ' (did not converge)'}`
      : 'BG/NBD: not fitted (too few repeat customers); the cadence rule decides.';
    return [
      el('p', { className: 'note' }, `${num(c.customers)} customers (${num(c.fit?.repeatCustomers)} repeat). ${fit}. ${c.expectedPurchases ? `Expected purchases in the next ${c.expectedPurchases.horizon} ${c.unit}s: ${num(Math.round(c.expectedPurchases.total))} (${num(c.expectedPurchases.mean)} each).` : ''} Computed ${c.computedAt}.`),
      panel('P(alive)',
        chart({ label: 'Customers by probability of being alive', time: false, kind: 'bars', x: h.map((_, i) => i), xLabels: h.map((b) => `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`),
          series: [{ label: 'Customers', color: '#c0392b', values: h.map((b) => b.count) }] }),
        dataTable({ name: 'p-alive', collapsed: true, caption: 'Customers by P(alive)', rows: h, columns: [{ label: 'From', value: (b) => b.from, format: (b) => pct(b.from), numeric: true }, { label: 'To', value: (b) => b.to, format: (b) => pct(b.to), numeric: true }, { label: 'Customers', value: (b) => b.count }] })),
      panel('Valuable customers at risk', dataTable({
        name: 'at-risk', caption: 'Ranked by value at risk', rows: c.atRisk,
        columns: [
          { label: 'Customer', value: (r) => r.userId ?? r.anonymousId ?? r.key, href: (r) => userHref(r.userId ?? r.anonymousId) },
          { label: 'P(alive)', value: (r) => r.pAlive, format: (r) => pct(r.pAlive), numeric: true },
          { label: 'Value', value: (r) => r.value, format: (r) => money(r.value), numeric: true },
          { label: 'Expected spend', value: (r) => r.expectedSpend, format: (r) => money(r.expectedSpend), numeric: true },
          { label: 'Rule', value: (r) => r.rule },
        ],
      })),
    ];
  },
};
