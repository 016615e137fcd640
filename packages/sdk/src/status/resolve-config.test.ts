import { describe, expect, it } from 'vitest';
import { resolveConfig } from './resolve-config.js';

describe('resolveConfig', () => {
  const local = {
    checklists: [
      { id: 'setup', steps: [{ id: 'a', event: 'A' }] },
      { id: 'local-only', steps: [] },
    ],
    status: { newDays: 7, activeDays: 7 },
    nudges: [{ id: 'n1', priority: 1 }],
  };

  it('returns the init config unchanged when nothing came from the collector', () => {
    expect(resolveConfig(local, undefined)).toBe(local);
  });

  it.each([
    [
      'replaces a checklist with the same id and keeps the others',
      { checklists: [{ id: 'setup', steps: [{ id: 'b', event: 'B' }] }] },
      (r: typeof local) => {
        expect(r.checklists.map((c) => c.id).sort()).toEqual(['local-only', 'setup']);
        expect(r.checklists.find((c) => c.id === 'setup')?.steps[0]?.id).toBe('b');
      },
    ],
    [
      'overrides status thresholds key by key',
      { status: { activeDays: 3 } },
      (r: typeof local) => expect(r.status).toEqual({ newDays: 7, activeDays: 3 }),
    ],
    [
      'adds remote nudges next to local ones',
      { nudges: [{ id: 'n2', priority: 5 }] },
      (r: typeof local) => expect(r.nudges.map((n) => n.id)).toEqual(['n1', 'n2']),
    ],
  ])('%s', (_name, remote, check) => {
    check(resolveConfig(local, remote as Partial<typeof local>));
  });

  it('takes remote fields the init options did not have', () => {
    const r = resolveConfig<Record<string, unknown>>({}, { segments: [{ id: 's' }] });
    expect(r.segments).toEqual([{ id: 's' }]);
  });
});
