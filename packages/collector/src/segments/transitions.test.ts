import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABSENT, sizesOf, transitionsBetween, type UserState } from './transitions.js';

const snap = (rows: Array<[string, string, ...string[]]>) => new Map(rows.map(([k, status, ...segments]): [string, UserState] => [k, { status, segments }]));

describe('transitionsBetween', () => {
  it('counts who moved between statuses and segments (table)', () => {
    const monday = snap([['u:1', 'active', 'vip'], ['u:2', 'active'], ['u:3', 'dormant', 'vip'], ['u:4', 'new']]);
    const sunday = snap([['u:1', 'dormant', 'vip'], ['u:2', 'active', 'vip'], ['u:3', 'churned'], ['u:5', 'new']]);
    expect(transitionsBetween(monday, sunday)).toEqual({
      statuses: { active: { dormant: 1, active: 1 }, dormant: { churned: 1 }, new: { [ABSENT]: 1 }, [ABSENT]: { new: 1 } },
      segments: { vip: { stayed: 1, entered: 1, left: 1 } },
    });
    expect(sizesOf(sunday.values())).toEqual({ statuses: { dormant: 1, active: 1, churned: 1, new: 1 }, segments: { vip: 2 } });
  });

  const stateArb = fc.record({ status: fc.constantFrom('new', 'active', 'dormant'), segments: fc.uniqueArray(fc.constantFrom('a', 'b'), { maxLength: 2 }) });
  const snapArb = fc.dictionary(fc.constantFrom('u:1', 'u:2', 'u:3', 'u:4', 'u:5'), stateArb).map((d) => new Map(Object.entries(d)));

  it('rows sum to the sizes before, columns to the sizes after (absent included); segments balance', () => {
    fc.assert(fc.property(snapArb, snapArb, (a, b) => {
      const t = transitionsBetween(a, b);
      const before = sizesOf(a.values());
      const after = sizesOf(b.values());
      for (const [from, row] of Object.entries(t.statuses)) {
        if (from !== ABSENT) expect(Object.values(row).reduce((s, n) => s + n, 0)).toBe(before.statuses[from]);
      }
      const col = (to: string) => Object.values(t.statuses).reduce((s, row) => s + (row[to] ?? 0), 0);
      for (const [to, n] of Object.entries(after.statuses)) expect(col(to)).toBe(n);
      for (const [id, s] of Object.entries(t.segments)) {
        expect(s.stayed + s.left).toBe(before.segments[id] ?? 0);
        expect(s.stayed + s.entered).toBe(after.segments[id] ?? 0);
      }
    }));
  });
});
