/** Personas: k-means clusters on behaviour, each a card with its size, dominant features and centroid. */
import { api } from '../api.js';
import { el, panel } from '../dom.js';
import { num, pct } from '../format.js';
import { dataTable } from '../table.js';
import type { PersonasAnswer } from '../types/population.js';
import { membersHref } from './links.js';
import type { View } from './view.js';

export const personasView: View = {
  id: 'personas',
  title: 'Personas',
  controls: {},
  async render() {
    const p = await api<PersonasAnswer>('/v1/admin/analytics/personas');
    const cards = el('div', { className: 'persona' }, ...p.personas.map((x) => el('section', { className: 'panel', 'data-persona': x.id },
      el('h2', {}, x.name),
      el('p', {}, el('b', {}, num(x.size)), ` people (${pct(x.share)})`),
      el('p', { className: 'note' }, `Stands out on: ${x.dominant.join(', ') || '–'}`),
      el('a', { href: membersHref(`persona:${x.id}`) }, 'Members'))));
    return [
      el('p', { className: 'note' }, `k = ${p.k} of ${num(p.users)} people (silhouette ${p.silhouette === null ? '–' : p.silhouette.toFixed(2)}, seed ${p.seed}). Computed ${p.computedAt}.`),
      cards,
      panel('Centroids', dataTable({
        name: 'persona-centroids', caption: 'Mean of each feature per persona (in the feature\'s own unit)', rows: p.features,
        columns: [{ label: 'Feature', value: (f) => f }, ...p.personas.map((x) => ({ label: x.name, value: (f: string) => (x.centroid[f] === undefined ? null : Math.round(x.centroid[f]! * 100) / 100), numeric: true }))],
      })),
    ];
  },
};
