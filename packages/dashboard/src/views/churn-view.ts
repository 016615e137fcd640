/** Churn risk: the BG/NBD fit, the P(alive) histogram, customers by rule, and the valuable customers at risk. */
import { api } from '../api.js';
import { chart } from '../chart.js';
import { el, panel } from '../dom.js';
import { money, num, pct } from '../format.js';
import { dataTable } from '../table.js';
import type { AtRisk, ChurnAnswer } from '../types/population.js';
import { userHref } from './links.js';
import type { View } from './view.js';

/** The histogram as bins over [0, 1], whichever form the answer uses. */
const binsOf = (h: ChurnAnswer['pAliveHistogram']) =>
  h.map((b, i) => (typeof b === 'number' ? { from: i / h.length, to: (i + 1) / h.length, count: b } : b));
/** `u:ada` → `ada` (the lookup finds user and anonymous ids alike). */
const idOf = (r: AtRisk) => r.userId ?? r.key.replace(/^[ua]:/, '');
const valueOf = (r: AtRisk) => r.valueIfActive ?? r.value ?? null;

export const churnView: View = {
  id: 'churn',
  title: 'Churn risk',
  controls: {},
  async render() {
    const c = await api<ChurnAnswer>('/v1/admin/analytics/churn');
    const bins = binsOf(c.pAliveHistogram);
    const bg = c.bgnbd;
    const expected = typeof c.expectedPurchases === 'number' ? c.expectedPurchases : c.expectedPurchases?.total ?? null;
    const rules = Object.entries(c.byRule ?? {}).map(([rule, counts]) => ({ rule, ...counts }));
    const statuses = [...new Set(rules.flatMap((r) => Object.keys(r).filter((k) => k !== 'rule')))];
    return [
      el('p', { className: 'note' }, `${num(c.customers)} customers. `,
        bg ? `BG/NBD per ${c.unit}: r ${bg.r.toFixed(3)}, α ${bg.alpha.toFixed(3)}, a ${bg.a.toFixed(3)}, b ${bg.b.toFixed(3)}. ` : `BG/NBD not fitted${c.bgnbdError ? ` (${c.bgnbdError})` : ''}: the cadence rule decides. `,
        expected === null ? '' : `Expected purchases${c.horizon ? ` in the next ${c.horizon} ${c.unit}s` : ''}: ${num(Math.round(expected))}. `,
        `Computed ${c.computedAt}.`),
      panel('P(alive) of repeat customers',
        bins.every((b) => !b.count) ? el('p', { className: 'empty' }, 'No P(alive) yet: it needs the BG/NBD fit.') : chart({ label: 'Customers by probability of being alive', time: false, kind: 'bars', x: bins.map((_, i) => i), xLabels: bins.map((b) => `${Math.round(b.from * 100)}%`),
          series: [{ label: 'Customers', color: '#c0392b', values: bins.map((b) => b.count) }] }),
        dataTable({ name: 'p-alive', collapsed: true, caption: 'Customers by P(alive)', rows: bins, columns: [{ label: 'From', value: (b) => b.from, format: (b) => pct(b.from), numeric: true }, { label: 'To', value: (b) => b.to, format: (b) => pct(b.to), numeric: true }, { label: 'Customers', value: (b) => b.count }] })),
      rules.length ? panel('Customers by rule', dataTable({
        name: 'churn-rules', caption: 'Which rule decided, and its verdict', rows: rules,
        columns: [{ label: 'Rule', value: (r) => r.rule }, ...statuses.map((s) => ({ label: s, value: (r: Record<string, unknown>) => Number(r[s] ?? 0) }))],
      })) : null,
      panel('Valuable customers at risk', dataTable({
        name: 'at-risk', caption: 'At risk or churned, most valuable first', rows: c.atRisk,
        columns: [
          { label: 'Customer', value: idOf, href: (r) => userHref(idOf(r)) },
          { label: 'Status', value: (r) => r.status ?? null },
          { label: 'P(alive)', value: (r) => r.pAlive, format: (r) => pct(r.pAlive), numeric: true },
          { label: 'Value if active', value: valueOf, format: (r) => money(valueOf(r)), numeric: true },
          { label: `Silent (${c.unit}s)`, value: (r) => r.silence ?? null, numeric: true },
          { label: 'Rule', value: (r) => r.rule },
        ],
      })),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
