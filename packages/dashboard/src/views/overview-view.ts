/** Overview: headline cards, the current status mix, daily actives and the top events. */
import { api } from '../api.js';
import { chart } from '../chart.js';
import { el, panel } from '../dom.js';
import { epochSeconds, money, num, pct } from '../format.js';
import { dataTable } from '../table.js';
import { STATUS_COLORS, STATUSES, type Overview } from '../types/overview.js';
import { daysOf } from './range-days.js';
import { membersHref } from './links.js';
import type { View } from './view.js';

export const loadOverview = (days: number, fresh = false) => api<Overview>('/v1/admin/analytics/overview', { days, fresh: fresh ? 1 : undefined });

const card = (label: string, value: string) => el('div', { className: 'card', 'data-metric': label }, el('b', {}, value), el('span', {}, label));

/** The current lifecycle mix as one stacked bar and a table. */
export function statusMix(o: Overview): Node[] {
  const total = o.people.total || 1;
  const bar = el('div', { className: 'stack', role: 'img', 'aria-label': 'Lifecycle mix' }, ...STATUSES.filter((s) => o.lifecycle[s]).map((s) => {
    const part = el('span', { title: `${s}: ${o.lifecycle[s]}` });
    part.style.flex = String(o.lifecycle[s] / total);
    part.style.background = STATUS_COLORS[s];
    return part;
  }));
  const table = dataTable({
    name: 'status-mix', caption: 'People by current status', rows: STATUSES,
    columns: [
      { label: 'Status', value: (s) => s, href: (s) => membersHref(`status:${s}`) },
      { label: 'People', value: (s) => o.lifecycle[s] },
      { label: 'Share', value: (s) => (o.people.total ? o.lifecycle[s] / o.people.total : null), format: (s) => pct(o.people.total ? o.lifecycle[s] / o.people.total : null), numeric: true },
    ],
  });
  return [bar, table];
}

export const overviewView: View = {
  id: 'overview',
  title: 'Overview',
  controls: { range: true },
  async render({ range, fresh }) {
    const o = await loadOverview(daysOf(range), fresh);
    const a = o.activity;
    const cards = el('div', { className: 'cards' },
      card('People', num(o.people.total)), card('Identified', num(o.people.identified)), card('Anonymous', num(o.people.anonymous)),
      card('DAU', num(a.dau)), card('WAU', num(a.wau)), card('MAU', num(a.mau)), card('Stickiness (DAU/MAU)', pct(a.stickiness)),
      card('Events', num(o.events.total)), card('Purchases', num(o.events.purchases)), card('Revenue', money(o.events.revenue)));
    return [
      el('p', { className: 'note' }, `As of ${o.asOf.replace('T', ' ').slice(0, 19)} UTC (Refresh recomputes it when older than 10 s).`),
      cards,
      panel('Where people stand now', ...statusMix(o)),
      panel('Daily active people',
        chart({ label: 'Daily active people', x: a.daily.map((d) => epochSeconds(d.date)), kind: 'bars', series: [{ label: 'Active', values: a.daily.map((d) => d.active), color: '#2f62c7' }] }),
        dataTable({ name: 'daily-actives', collapsed: true, caption: 'Daily active people', rows: a.daily, columns: [{ label: 'Date', value: (d) => d.date }, { label: 'Active', value: (d) => d.active }] })),
      panel('Top events', dataTable({ name: 'top-events', caption: 'Most frequent events', rows: o.events.top, columns: [{ label: 'Event', value: (e) => e.name }, { label: 'Count', value: (e) => e.count }] })),
    ];
  },
};
