/** RFM: the named groups (count, mean recency, frequency, monetary; each opens its members) and the R×F score grid. */
import { api } from '../api.js';
import { shadeCell } from '../color.js';
import { el, panel } from '../dom.js';
import { money, num } from '../format.js';
import { dataTable } from '../table.js';
import type { RfmAnswer } from '../types/population.js';
import { membersHref } from './links.js';
import type { View } from './view.js';

/** The R×F grid as a table: rows R = 5 (recent) to 1, columns F = 1 to 5, cells shaded by count. */
function grid(r: RfmAnswer): HTMLElement {
  const peak = Math.max(1, ...r.scores.grid.flat());
  const rows = [5, 4, 3, 2, 1].map((score) => ({ score, counts: r.scores.grid[score - 1] ?? [] }));
  const table = dataTable({
    name: 'rfm-grid', caption: 'Customers by recency (rows) and frequency (columns) score', rows,
    columns: [{ label: 'R \\ F', value: (x) => `R${x.score}` }, ...[1, 2, 3, 4, 5].map((f) => ({ label: `F${f}`, value: (x: (typeof rows)[number]) => x.counts[f - 1] ?? 0 }))],
  });
  table.querySelectorAll('tbody tr').forEach((tr, i) => tr.querySelectorAll('td').forEach((td, col) => {
    if (col === 0) return;
    shadeCell(td, 0.08 + ((rows[i]!.counts[col - 1] ?? 0) / peak) * 0.8);
  }));
  return table;
}

export const rfmView: View = {
  id: 'rfm',
  title: 'RFM',
  controls: {},
  async render() {
    const r = await api<RfmAnswer>('/v1/admin/analytics/rfm');
    return [
      el('p', { className: 'note' }, `${num(r.customers)} customers; value from "${r.monetary ?? r.revenueProperty ?? 'revenue'}". Computed ${r.computedAt}.`),
      panel('Groups', dataTable({
        name: 'rfm-groups', caption: 'Named RFM groups (means per group)', rows: r.groups,
        columns: [
          { label: 'Group', value: (g) => g.name, href: (g) => membersHref(`rfm:${g.name}`) },
          { label: 'Customers', value: (g) => g.count },
          { label: 'Days since last purchase', value: (g) => g.recency, numeric: true },
          { label: 'Purchase days', value: (g) => g.frequency, numeric: true },
          { label: 'Average value', value: (g) => g.monetary, format: (g) => money(g.monetary), numeric: true },
        ],
      })),
      panel('R × F grid', grid(r)),
    ];
  },
};
