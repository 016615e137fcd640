/** DAU / WAU / MAU over time and stickiness (mean DAU over the period ÷ the period's actives), from lifecycle's `active`. */
import { chart } from '../chart.js';
import { el, panel } from '../dom.js';
import { epochSeconds, pct } from '../format.js';
import { dataTable } from '../table.js';
import type { LifecycleAnswer } from '../types/population.js';
import { stickiness } from './stickiness.js';
import { loadLifecycle } from './lifecycle-view.js';
import type { View } from './view.js';

export const activityView: View = {
  id: 'activity',
  title: 'Active people',
  controls: { range: true },
  async render({ range }) {
    const [day, week, month] = (await Promise.all([loadLifecycle(range, 'day'), loadLifecycle(range, 'week'), loadLifecycle(range, 'month')])) as LifecycleAnswer[];
    const weekly = stickiness(day!.periods, week!.periods);
    const monthly = stickiness(day!.periods, month!.periods);
    const periodTable = (name: string, caption: string, rows: ReturnType<typeof stickiness>, label: string) => dataTable({
      name, caption, rows,
      columns: [
        { label: 'Period start', value: (r) => r.start },
        { label, value: (r) => r.active },
        { label: 'Mean DAU', value: (r) => (r.meanDau === null ? null : Math.round(r.meanDau * 10) / 10), numeric: true },
        { label: 'Stickiness', value: (r) => r.stickiness, format: (r) => pct(r.stickiness), numeric: true },
      ],
    });
    return [
      panel('Daily active people (DAU)',
        chart({ label: 'Daily active people', x: day!.periods.map((p) => epochSeconds(p.start)), kind: 'bars', series: [{ label: 'DAU', color: '#2f62c7', values: day!.periods.map((p) => p.active) }] }),
        dataTable({ name: 'dau', collapsed: true, caption: 'Daily active people', rows: day!.periods, columns: [{ label: 'Day', value: (p) => p.start }, { label: 'DAU', value: (p) => p.active }] })),
      panel('Weekly actives (WAU) and stickiness (DAU/WAU)',
        chart({ label: 'Weekly active people', x: weekly.map((r) => epochSeconds(r.start)), kind: 'lines', series: [{ label: 'WAU', color: '#1c8a4e', values: weekly.map((r) => r.active) }, { label: 'Mean DAU', color: '#2f62c7', values: weekly.map((r) => r.meanDau) }] }),
        periodTable('wau', 'Weekly active people', weekly, 'WAU')),
      panel('Monthly actives (MAU) and stickiness (DAU/MAU)', periodTable('mau', 'Monthly active people', monthly, 'MAU'),
        el('p', { className: 'note' }, 'Stickiness: the mean of the daily actives within the period divided by the period\'s actives.')),
    ];
  },
};
