/** Segment transitions between two dates: the status matrix (who moved from active to dormant) and custom segments entered/left. */
import { api } from '../api.js';
import { el, panel } from '../dom.js';
import { dataTable } from '../table.js';
import { STATUSES } from '../types/overview.js';
import type { TransitionsAnswer } from '../types/population.js';
import type { Range, View } from './view.js';

export const loadTransitions = (range: Range) => api<TransitionsAnswer>('/v1/admin/analytics/transitions', { from: range.from, to: range.to });

export const transitionsView: View = {
  id: 'transitions',
  title: 'Transitions',
  controls: { range: true },
  async render({ range }) {
    const t = await loadTransitions(range);
    const names = [...new Set([...STATUSES, ...Object.keys(t.statuses), ...Object.values(t.statuses).flatMap((row) => Object.keys(row))])];
    const fromRows = names.filter((n) => t.statuses[n]);
    const toCols = names.filter((n) => fromRows.some((f) => t.statuses[f]![n] !== undefined));
    const segments = Object.entries(t.segments).map(([id, s]) => ({ id, ...s }));
    return [
      el('p', { className: 'note' }, t.from
        ? `From the snapshot of ${t.from} to that of ${t.to}. Computed ${t.computedAt}.`
        : `No snapshot on or before the first date yet: everyone in the ${t.to} snapshot counts as "absent" before. Computed ${t.computedAt}.`),
      panel('Status on the first date → on the second', dataTable({
        name: 'status-transitions', caption: `Rows: status on ${t.from ?? 'the first date'}; columns: status on ${t.to}`, rows: fromRows,
        columns: [{ label: 'From \\ to', value: (f) => f }, ...toCols.map((to) => ({ label: to, value: (f: string) => t.statuses[f]![to] ?? 0 }))],
        empty: 'No snapshots in this range yet.',
      })),
      panel('Custom segments', dataTable({
        name: 'segment-transitions', caption: 'Entered, left and stayed between the two dates', rows: segments, empty: 'No custom segments in the snapshots.',
        columns: [{ label: 'Segment', value: (s) => s.id }, { label: 'Stayed', value: (s) => s.stayed }, { label: 'Entered', value: (s) => s.entered }, { label: 'Left', value: (s) => s.left }],
      })),
    ];
  },
};
