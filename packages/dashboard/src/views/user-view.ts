/** User lookup: one user's status and why, segments, onboarding, nudge eligibility and recent events. */
import { api, isApiError } from '../api.js';
import { el, panel } from '../dom.js';
import { pct } from '../format.js';
import { dataTable } from '../table.js';
import type { UserAnswer } from '../types/user.js';
import type { View } from './view.js';

const when = (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString().replace('T', ' ').slice(0, 16) : '–');

function facts(u: UserAnswer): HTMLElement {
  const p = u.population;
  const rows: Array<[string, string]> = [
    ['User id', u.userId ?? '–'], ['Anonymous id', u.anonymousId ?? '–'],
    ['Status', u.status.status], ['Why', u.status.reason],
    ['First seen', when(u.facts.first)], ['Last active', when(u.facts.active ?? u.facts.last)],
    ['Active days (kept)', String(u.facts.days?.length ?? 0)],
    ['Segments', u.segments.join(', ') || 'none'],
    ['RFM group', p?.rfm ?? 'not computed yet'],
    ['P(alive)', p?.pAlive === undefined ? 'not computed yet' : pct(p.pAlive)],
    ['Persona', p?.persona?.name ?? 'not computed yet'],
  ];
  // Facts keep each trait as [value, time set].
  for (const [k, t] of Object.entries(u.facts.traits ?? {})) {
    const v = Array.isArray(t) && t.length === 2 && typeof t[1] === 'number' ? t[0] : t;
    rows.push([`Trait: ${k}`, typeof v === 'string' ? v : JSON.stringify(v)]);
  }
  return el('dl', { className: 'facts' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

export const userView: View = {
  id: 'user',
  title: 'User lookup',
  controls: {},
  async render({ args, go }) {
    const id = args[0] ?? '';
    const form = el('form', { className: 'inline', role: 'search', onsubmit: (e) => {
      e.preventDefault();
      const value = (form.elements.namedItem('user-id') as HTMLInputElement).value.trim();
      if (value) go(`#/user/${encodeURIComponent(value)}`);
    } }, el('label', { for: 'user-id' }, 'User or anonymous id'), el('input', { id: 'user-id', name: 'user-id', value: id, required: true, autocomplete: 'off' }), el('button', {}, 'Look up'));
    if (!id) return [panel('Find a user', form)];
    let u: UserAnswer;
    try {
      u = await api<UserAnswer>(`/v1/admin/users/${encodeURIComponent(id)}`);
    } catch (error) {
      if (isApiError(error) && error.status === 404) return [panel('Find a user', form, el('p', { className: 'empty' }, `No one with the id "${id}".`))];
      throw error;
    }
    return [
      panel('Find a user', form),
      panel('Who', facts(u)),
      panel('Onboarding', ...u.onboarding.map((o) => dataTable({
        name: `user-onboarding-${o.id}`, caption: `${o.id}: ${o.done} of ${o.total} (${pct(o.progress)})${o.next ? `, next: ${o.next}` : ''}`, rows: o.steps,
        columns: [{ label: 'Step', value: (s) => s.id }, { label: 'Done', value: (s) => (s.done ? 'yes' : 'no') }],
      }))),
      panel('Nudges', dataTable({
        name: 'user-nudges', caption: 'Why each nudge is or is not eligible now', rows: u.nudges, empty: 'No nudges in the project config.',
        columns: [{ label: 'Nudge', value: (n) => n.id }, { label: 'Eligible', value: (n) => (n.eligible ? 'yes' : 'no') }, { label: 'Why not', value: (n) => n.reasons.join('; ') }],
      })),
      panel('Recent events', dataTable({
        name: 'user-events', caption: 'Newest first', rows: u.recentEvents,
        columns: [{ label: 'Time (UTC)', value: (e) => e.timestamp }, { label: 'Type', value: (e) => e.type }, { label: 'Name', value: (e) => e.name }],
      })),
    ];
  },
};
