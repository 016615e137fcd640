/** Nudge lift: conversion of people shown each nudge against those held out, with its confidence. */
import { api } from '../api.js';
import { el, panel } from '../dom.js';
import { num, pct } from '../format.js';
import { confidenceOf } from '../stats.js';
import { dataTable } from '../table.js';
import type { LiftAnswer } from '../types/overview.js';
import type { View } from './view.js';

const points = (x: number | null) => (x === null ? '–' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pts`);

export const liftView: View = {
  id: 'lift',
  title: 'Nudge lift',
  controls: {},
  async render({ query }) {
    const goal = query.get('goal') ?? '';
    const answer = await api<LiftAnswer>('/v1/admin/config/lift', { goal });
    const form = el('form', { className: 'inline', onsubmit: (e) => {
      e.preventDefault();
      const value = (form.elements.namedItem('goal') as HTMLInputElement).value.trim();
      location.hash = value ? `#/lift?goal=${encodeURIComponent(value)}` : '#/lift';
    } }, el('label', { for: 'goal' }, 'Goal event'), el('input', { id: 'goal', name: 'goal', value: goal, placeholder: 'e.g. Teammate Invited' }), el('button', {}, 'Compare'));
    return [
      panel('Nudge lift',
        form,
        el('p', { className: 'note' }, answer.goal ? `Conversion: "${answer.goal}" at or after the first exposure.` : 'Without a goal event, conversion is "Nudge Converted" and the held-out group cannot convert: name a goal to measure lift.'),
        dataTable({
          name: 'nudge-lift', caption: 'Shown against held out', rows: answer.nudges,
          columns: [
            { label: 'Nudge', value: (n) => n.nudgeId },
            { label: 'Shown', value: (n) => n.shown.users },
            { label: 'Converted (shown)', value: (n) => n.shown.rate, format: (n) => pct(n.shown.rate), numeric: true },
            { label: 'Held out', value: (n) => n.heldOut.users },
            { label: 'Converted (held out)', value: (n) => n.heldOut.rate, format: (n) => pct(n.heldOut.rate), numeric: true },
            { label: 'Lift', value: (n) => n.lift, format: (n) => points(n.lift), numeric: true },
            { label: 'z', value: (n) => n.z, format: (n) => (n.z === null ? '–' : n.z.toFixed(2)), numeric: true },
            { label: 'Confidence', value: (n) => confidenceOf(n.z), format: (n) => pct(confidenceOf(n.z)), numeric: true },
            { label: 'Excluded', value: (n) => n.excluded, format: (n) => num(n.excluded) },
          ],
          empty: 'No nudges in the project config.',
        })),
    ];
  },
};
