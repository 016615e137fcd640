/** Custom segments: their sizes now (each opens its members). Sizes over time come from the daily snapshots. */
import { el, panel } from '../dom.js';
import { dataTable } from '../table.js';
import { loadOverview } from './overview-view.js';
import { daysOf } from './range-days.js';
import type { View } from './view.js';

export const membersHref = (segment: string) => `#/members/${encodeURIComponent(segment)}`;

export const segmentsView: View = {
  id: 'segments',
  title: 'Segments',
  controls: {},
  async render({ range }) {
    const o = await loadOverview(daysOf(range));
    return [
      panel('Segment sizes now',
        dataTable({
          name: 'segments', caption: 'People in each custom segment', rows: o.segments, empty: 'No custom segments in the project config.',
          columns: [{ label: 'Segment', value: (s) => s.id, href: (s) => membersHref(s.id) }, { label: 'People', value: (s) => s.people }],
        })),
      el('div', { id: 'segment-history' }),
    ];
  },
};
