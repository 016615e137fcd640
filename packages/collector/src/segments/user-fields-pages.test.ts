import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { readUserFields, USERS_PAGE, writeUserFields } from './user-fields-pages.js';
import type { UserFields } from './user-model.js';

const fieldsArb: fc.Arbitrary<UserFields> = fc.record(
  { rfm: fc.constantFrom('champions', 'at risk', "can't lose them"), pAlive: fc.integer({ min: 0, max: 1000 }).map((t) => t / 1000), persona: fc.constantFrom({ id: 'p1', name: 'a' }, { id: 'p2', name: 'b' }) },
  { requiredKeys: [] },
);

describe('per-user fields in pages', () => {
  it('reads back what was written, equal fields sharing one object', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fieldsArb, { maxLength: 40 }), async (list) => {
        const seg = createMemoryStorage().segments!;
        const rows = list.map((f, i): [string, UserFields] => [`u:${i}`, f]);
        await writeUserFields(seg, 'p', 7, rows);
        const back = await readUserFields(seg, 'p', (f) => ({ ...f }), async () => {});
        expect(back!.computedAtMs).toBe(7);
        expect([...back!.byKey]).toEqual(rows);
        const a = back!.byKey.get('u:0');
        for (const [, v] of back!.byKey) if (JSON.stringify(v) === JSON.stringify(a)) expect(v).toBe(a);
      }),
      { numRuns: 40 },
    );
  });

  it('spreads many users over pages and pauses between them', async () => {
    const seg = createMemoryStorage().segments!;
    const rows = Array.from({ length: USERS_PAGE * 2 + 5 }, (_, i): [string, UserFields] => [`u:${i}`, { pAlive: (i % 1000) / 1000 }]);
    await writeUserFields(seg, 'p', 1, rows);
    let pauses = 0;
    const back = await readUserFields(seg, 'p', (f) => f, async () => void pauses++);
    expect(back!.byKey.size).toBe(rows.length);
    expect(back!.byKey.get(`u:${USERS_PAGE * 2 + 4}`)).toEqual({ pAlive: ((USERS_PAGE * 2 + 4) % 1000) / 1000 });
    expect(pauses).toBe(3);
    expect(await readUserFields(seg, 'other', (f) => f, async () => {})).toBeNull();
  });
});
