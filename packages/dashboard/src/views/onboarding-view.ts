/** Onboarding funnels: per checklist, people who did each step, conversion from the start and from the step before. */
import { chart } from '../chart.js';
import { el, panel } from '../dom.js';
import { duration, num, pct } from '../format.js';
import { dataTable } from '../table.js';
import { loadOverview } from './overview-view.js';
import { daysOf } from './range-days.js';
import type { View } from './view.js';

export const onboardingView: View = {
  id: 'onboarding',
  title: 'Onboarding',
  controls: {},
  async render({ range, fresh }) {
    const o = await loadOverview(daysOf(range), fresh);
    if (!o.onboarding.length) return [el('p', { className: 'empty' }, 'No checklists in the project config (PUT /v1/admin/config).')];
    return o.onboarding.map((f) => {
      const rows = f.steps.map((s, i) => ({
        ...s,
        share: f.people ? s.done / f.people : null,
        fromPrevious: i === 0 ? (f.people ? s.done / f.people : null) : f.steps[i - 1]!.done ? s.done / f.steps[i - 1]!.done : null,
      }));
      const hasTimes = rows.some((r) => r.medianMs !== undefined);
      return el('section', { className: 'panel', 'data-checklist': f.id },
        el('h2', {}, `${f.id}: ${num(f.completed)} of ${num(f.people)} completed (${pct(f.completionRate)})`),
        chart({
          label: `Funnel of checklist ${f.id}`, time: false, kind: 'bars', x: rows.map((_, i) => i), xLabels: rows.map((r) => r.id),
          series: [{ label: 'People', values: rows.map((r) => r.done), color: '#2f62c7' }],
        }),
        dataTable({
          name: `funnel-${f.id}`, caption: `Steps of ${f.id}`, rows,
          columns: [
            { label: 'Step', value: (r) => r.id },
            { label: 'People done', value: (r) => r.done },
            { label: 'Of everyone', value: (r) => r.share, format: (r) => pct(r.share), numeric: true },
            { label: 'From previous step', value: (r) => r.fromPrevious, format: (r) => pct(r.fromPrevious), numeric: true },
            ...(hasTimes ? [{ label: 'Median time from first seen', value: (r: (typeof rows)[number]) => r.medianMs ?? null, format: (r: (typeof rows)[number]) => duration(r.medianMs), numeric: true }] : []),
          ],
        }),
        hasTimes ? null : el('p', { className: 'note' }, 'Median time per step: not computed yet.'));
    });
  },
};
