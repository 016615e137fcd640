/** Lifecycle over time: PostHog's new / returning / resurrecting / dormant per period, and the status mix at each period's end. */
import { api } from '../api.js';
import { chart } from '../chart.js';
import { el, panel } from '../dom.js';
import { epochSeconds, num } from '../format.js';
import { dataTable } from '../table.js';
import { STATUS_COLORS, STATUSES } from '../types/overview.js';
import type { LifecycleAnswer } from '../types/population.js';
import type { Range, View } from './view.js';

export const loadLifecycle = (range: Range, interval = range.interval) =>
  api<LifecycleAnswer>('/v1/admin/analytics/lifecycle', { interval, from: range.from, to: range.to });

const FLOW = [
  { key: 'new', label: 'New', color: '#5b9cf5' },
  { key: 'returning', label: 'Returning', color: '#2f62c7' },
  { key: 'resurrecting', label: 'Resurrecting', color: '#8e44ad' },
  { key: 'dormant', label: 'Dormant', color: '#d99a12' },
] as const;

export const lifecycleView: View = {
  id: 'lifecycle',
  title: 'Lifecycle',
  controls: { range: true, interval: 'all' },
  async render({ range }) {
    const l = await loadLifecycle(range);
    const x = l.periods.map((p) => epochSeconds(p.start));
    const withStatuses = l.periods.filter((p) => p.statuses);
    return [
      el('p', { className: 'note' }, `Per ${l.interval} from ${l.from} to ${l.to} (${l.timeZone}); quick ratio ${l.quickRatio === null ? '–' : num(l.quickRatio)} ((new + resurrecting) / dormant). Computed ${l.computedAt}.`),
      panel('Who came, came back and went',
        chart({
          label: 'Lifecycle per period: new, returning and resurrecting above zero, dormant below', x, kind: 'stacked',
          series: FLOW.map((f) => ({ label: f.label, color: f.color, values: l.periods.map((p) => (f.key === 'dormant' ? -p.dormant : p[f.key])) })),
        }),
        dataTable({
          name: `lifecycle-${l.interval}`, collapsed: true, caption: 'Lifecycle per period', rows: l.periods,
          columns: [{ label: 'Period start', value: (p) => p.start }, ...FLOW.map((f) => ({ label: f.label, value: (p: (typeof l.periods)[number]) => p[f.key] })), { label: 'Active', value: (p) => p.active }],
        })),
      panel('Status mix at the end of each period',
        withStatuses.length > 1
          ? chart({ label: 'Current status counts at each period end', x: withStatuses.map((p) => epochSeconds(p.start)), kind: 'stacked',
            series: STATUSES.map((s) => ({ label: s, color: STATUS_COLORS[s], values: withStatuses.map((p) => p.statuses![s]) })) })
          : el('p', { className: 'empty' }, withStatuses.length ? 'One daily snapshot in this range so far (the table below).' : 'No daily snapshots in this range yet.'),
        dataTable({
          name: `status-mix-${l.interval}`, collapsed: withStatuses.length > 1, caption: 'People by status at each period end', rows: withStatuses,
          columns: [{ label: 'Period start', value: (p) => p.start }, ...STATUSES.map((s) => ({ label: s, value: (p: (typeof l.periods)[number]) => p.statuses![s] }))],
        })),
    ];
  },
};
