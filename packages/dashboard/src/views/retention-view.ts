/** Retention heat map: cohorts by first-seen week or month, the share returning in each later period. */
import { api } from '../api.js';
import { el, panel } from '../dom.js';
import { num, pct } from '../format.js';
import { dataTable } from '../table.js';
import type { Cohort, RetentionAnswer } from '../types/population.js';
import type { View } from './view.js';

/** Cell colour: white to the accent blue by rate (0..1); text turns white on dark cells. */
function shade(cell: HTMLElement, rate: number | undefined): void {
  if (rate === undefined) return;
  const r = Math.max(0, Math.min(1, rate));
  cell.style.background = `rgb(${Math.round(255 - r * 208)},${Math.round(255 - r * 157)},${Math.round(255 - r * 56)})`;
  if (r > 0.55) cell.style.color = '#fff';
}

export const retentionView: View = {
  id: 'retention',
  title: 'Retention',
  controls: { interval: 'cohort' },
  async render({ range, query, go }) {
    const interval = range.interval === 'month' ? 'month' : 'week';
    const mode = query.get('mode') === 'unbounded' ? 'unbounded' : 'bounded';
    const event = query.get('event') ?? '';
    const r = await api<RetentionAnswer>('/v1/admin/analytics/retention', { interval, event });
    const periods = Math.max(0, ...r.cohorts.map((c) => c.bounded.length));
    const rate = (c: Cohort, i: number) => (mode === 'bounded' ? c.boundedRate : c.unboundedRate)[i];
    const table = dataTable({
      name: `retention-${interval}-${mode}`, caption: `${mode === 'bounded' ? 'Returned in exactly' : 'Returned in or after'} each ${interval} after the first (share of the cohort)`, rows: r.cohorts,
      columns: [
        { label: 'Cohort', value: (c) => c.start },
        { label: 'People', value: (c) => c.size },
        ...Array.from({ length: periods }, (_, i) => ({ label: `${interval[0]!.toUpperCase()}${i}`, value: (c: Cohort) => rate(c, i) ?? null, format: (c: Cohort) => pct(rate(c, i)), numeric: true })),
      ],
    });
    // Colour the rate cells (the first two columns are the cohort and its size).
    table.querySelectorAll('tbody tr').forEach((tr, row) => tr.querySelectorAll('td').forEach((td, col) => { if (col >= 2) shade(td, rate(r.cohorts[row]!, col - 2)); }));
    table.classList.add('heat');
    const form = el('form', { className: 'inline', onsubmit: (e) => {
      e.preventDefault();
      const data = new FormData(form);
      go(`#/retention?mode=${encodeURIComponent(String(data.get('mode')))}&event=${encodeURIComponent(String(data.get('event') ?? '').trim())}`);
    } },
    el('label', { for: 'retention-mode' }, 'Count'),
    el('select', { id: 'retention-mode', name: 'mode' }, el('option', { value: 'bounded', selected: mode === 'bounded' }, 'returned in that period'), el('option', { value: 'unbounded', selected: mode === 'unbounded' }, 'returned then or later')),
    el('label', { for: 'retention-event' }, 'Returning on'),
    el('input', { id: 'retention-event', name: 'event', value: event, placeholder: 'any event' }),
    el('button', {}, 'Show'));
    const weighted = r.weighted[mode];
    return [
      panel(`${interval === 'week' ? 'Weekly' : 'Monthly'} cohorts`, form,
        el('p', { className: 'note' }, `Returning on ${r.event === null ? 'any event' : `"${r.event}"`}; ${num(r.cohorts.length)} cohorts (${r.timeZone}). Weighted mean: ${weighted.slice(1, 5).map(pct).join(', ') || '–'}.`),
        table),
    ];
  },
};
