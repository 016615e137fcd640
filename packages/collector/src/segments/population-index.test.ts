import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { createPopulationIndex } from './population-index.js';
import { writeUserFields } from './user-fields-pages.js';
import type { UserFields } from './user-model.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('population index', () => {
  it('answers from memory without waiting, loads in the background, reloads after a newer recompute', async () => {
    const storage = createMemoryStorage();
    const seg = storage.segments!;
    const put = async (atMs: number, fields: UserFields) => {
      await writeUserFields(seg, 'p', atMs, [['u:a', fields]]);
      await seg.putResult('p', 'summary', '{}', atMs);
    };
    await put(1000, { rfm: 'champions' });
    const index = createPopulationIndex(storage, 60_000);
    expect(index.peek('p', 'u:a', 0)).toBeUndefined(); // not loaded yet: never waits
    await tick();
    await tick();
    expect(index.peek('p', 'u:a', 1)).toEqual({ rfm: 'champions', asOf: '1970-01-01T00:00:01.000Z' });
    await put(2000, { rfm: 'at risk' });
    expect(index.peek('p', 'u:a', 2)!.rfm).toBe('champions'); // checked again only after 60 s…
    index.invalidate('p'); // …or at once when told
    index.peek('p', 'u:a', 3);
    await tick();
    await tick();
    expect(index.peek('p', 'u:a', 4)!.rfm).toBe('at risk');
    expect((await index.all('p')).size).toBe(1);
    expect(index.peek('p', 'u:nobody', 5)).toBeUndefined();
  });
});
