/** Custom segments: their sizes now (each opens its members) and over time (from the daily snapshots). */
import { isNotComputed } from '../api.js';
import { chart } from '../chart.js';
import { notComputed, panel } from '../dom.js';
import { epochSeconds } from '../format.js';
import { dataTable } from '../table.js';
import type { TransitionsAnswer } from '../types/population.js';
import { loadOverview } from './overview-view.js';
import { daysOf } from './range-days.js';
import { loadTransitions } from './transitions-view.js';
import { membersHref } from './links.js';
import type { View } from './view.js';


const PALETTE = ['#2f62c7', '#1c8a4e', '#d99a12', '#8e44ad', '#c0392b', '#16a0a0', '#7a5c2e', '#5b9cf5'];

function history(ids: string[], t: TransitionsAnswer): Node[] {
  const sizes = t.sizes;
  if (!sizes.length || !ids.length) return [notComputed('Sizes over time', 'No daily snapshots in this range yet.')];
  return [
    chart({ label: 'Segment sizes per day', x: sizes.map((s) => epochSeconds(s.day)), series: ids.map((id, i) => ({ label: id, color: PALETTE[i % PALETTE.length]!, values: sizes.map((s) => s.segments[id] ?? null) })) }),
    dataTable({ name: 'segment-sizes', collapsed: true, caption: 'People in each segment per day', rows: sizes, columns: [{ label: 'Day', value: (s) => s.day }, ...ids.map((id) => ({ label: id, value: (s: (typeof sizes)[number]) => s.segments[id] ?? null, numeric: true }))] }),
  ];
}

export const segmentsView: View = {
  id: 'segments',
  title: 'Segments',
  controls: { range: true },
  async render({ range, fresh }) {
    const [o, t] = await Promise.all([loadOverview(daysOf(range), fresh), loadTransitions(range).catch((e: unknown) => (isNotComputed(e) ? null : Promise.reject(e)))]);
    const ids = o.segments.map((s) => s.id);
    return [
      panel('Segment sizes now',
        dataTable({
          name: 'segments', caption: 'People in each custom segment', rows: o.segments, empty: 'No custom segments in the project config.',
          columns: [{ label: 'Segment', value: (s) => s.id, href: (s) => membersHref(s.id) }, { label: 'People', value: (s) => s.people }],
        })),
      panel('Sizes over time', ...(t ? history(ids, t) : [notComputed('Sizes over time', 'Daily snapshots come from the population models.')])),
    ];
  },
};
