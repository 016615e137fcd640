/** A segment's or group's members (`status:…`, `rfm:…`, `persona:…` or a custom segment id), a page at a time. */
import { api } from '../api.js';
import { el, panel } from '../dom.js';
import { pct } from '../format.js';
import { dataTable } from '../table.js';
import type { MembersAnswer } from '../types/population.js';
import { userHref } from './links.js';
import type { View } from './view.js';

export const MEMBERS_PAGE = 50;

export const membersView: View = {
  id: 'members',
  title: 'Members',
  controls: {},
  hidden: true,
  async render({ args, query, go }) {
    const segment = args[0] ?? '';
    const cursor = query.get('cursor') ?? '';
    const page = Number(query.get('page') ?? '1') || 1;
    const m = await api<MembersAnswer>(`/v1/admin/analytics/segments/${encodeURIComponent(segment)}/members`, { limit: MEMBERS_PAGE, cursor });
    const base = `#/members/${encodeURIComponent(segment)}`;
    const pager = el('div', { className: 'pager' },
      page > 1 ? el('button', { type: 'button', onclick: () => history.back() }, 'Previous page') : null,
      el('span', {}, `Page ${page}`),
      m.nextCursor ? el('button', { type: 'button', onclick: () => go(`${base}?cursor=${encodeURIComponent(m.nextCursor!)}&page=${page + 1}`) }, 'Next page') : null);
    return [
      panel(`Members of ${segment}`,
        el('p', { className: 'note' }, `As of the snapshot of ${m.asOf}.`),
        dataTable({
          name: `members-${segment}-page-${page}`, caption: `People in ${segment}`, rows: m.members, empty: 'No one in this segment.',
          columns: [
            { label: 'Person', value: (x) => x.userId ?? x.anonymousId ?? x.key, href: (x) => userHref(x.userId ?? x.anonymousId ?? x.key) },
            { label: 'Status', value: (x) => x.status },
            { label: 'RFM group', value: (x) => x.rfm ?? null },
            { label: 'P(alive)', value: (x) => x.pAlive ?? null, format: (x) => pct(x.pAlive), numeric: true },
            { label: 'Persona', value: (x) => x.persona ?? null },
          ],
        }),
        pager),
    ];
  },
};
