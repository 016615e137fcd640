/** Retention heat map: cohorts by first-seen week or month, the share returning in each later period. */
import { api } from '../api.js';
import { shadeCell } from '../color.js';
import { el, panel } from '../dom.js';
import { num, pct } from '../format.js';
import { dataTable } from '../table.js';
import type { Cohort, RetentionAnswer } from '../types/population.js';
import type { View } from './view.js';

export const retentionView: View = {
  id: 'retention',
  title: 'Retention',
  controls: { interval: 'cohort' },
  async render({ range, query, go }) {
    const interval = range.interval === 'month' ? 'month' : 'week';
    const mode = query.get('mode') === 'unbounded' ? 'unbounded' : 'bounded';
    const event = query.get('event') ?? '';
    const answer = await api<RetentionAnswer>('/v1/admin/analytics/retention', { interval, event });
    // Cohorts of nobody (periods before the first person was seen) say nothing.
    const r = { ...answer, cohorts: answer.cohorts.filter((c) => c.size > 0) };
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
    table.querySelectorAll('tbody tr').forEach((tr, row) => tr.querySelectorAll('td').forEach((td, col) => { const v = rate(r.cohorts[row]!, col - 2); if (col >= 2 && v !== undefined) shadeCell(td, v); }));
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
        el('p', { className: 'note' }, `Returning on ${r.event === null ? 'any event' : `"${r.event}"`}; ${num(r.cohorts.length)} cohorts with people (${r.timeZone}). Weighted mean: ${weighted.slice(1, 5).map(pct).join(', ') || '–'}.`),
        table),
    ];
  },
};
