/**
 * The per-user population fields, stored compactly in pages: names once in a header (RFM groups, personas), per
 * user only numbers (indices, P(alive) × 1000). A server reloads them page by page with the event loop free
 * between pages, so a project of a million users never blocks status reads for one long JSON parse.
 */
import type { SegmentStore } from '../storage/segment-store.js';
import type { UserFields } from './user-model.js';

/** Users per stored page. */
export const USERS_PAGE = 5_000;

/** Header (`users`): the dictionaries and how many pages follow (`users:0` …). */
export interface UsersHeader {
  computedAtMs: number;
  count: number;
  pages: number;
  rfmNames: string[];
  personas: Array<{ id: string; name: string }>;
}

/** One page: parallel columns; -1 = none. */
interface UsersPage {
  keys: string[];
  rfm: number[];
  /** P(alive) in thousandths. */
  pAlive: number[];
  persona: number[];
}

export async function writeUserFields(seg: SegmentStore, projectId: string, computedAtMs: number, rows: ReadonlyArray<readonly [string, UserFields]>): Promise<void> {
  const rfmNames: string[] = [];
  const personas: UsersHeader['personas'] = [];
  const indexOf = <T>(list: T[], v: T, same: (a: T, b: T) => boolean) => {
    const i = list.findIndex((x) => same(x, v));
    return i >= 0 ? i : list.push(v) - 1;
  };
  const pages = Math.ceil(rows.length / USERS_PAGE);
  for (let p = 0; p < pages; p++) {
    const page: UsersPage = { keys: [], rfm: [], pAlive: [], persona: [] };
    for (const [key, f] of rows.slice(p * USERS_PAGE, (p + 1) * USERS_PAGE)) {
      page.keys.push(key);
      page.rfm.push(f.rfm === undefined ? -1 : indexOf(rfmNames, f.rfm, (a, b) => a === b));
      page.pAlive.push(f.pAlive === undefined ? -1 : Math.round(f.pAlive * 1000));
      page.persona.push(f.persona === undefined ? -1 : indexOf(personas, f.persona, (a, b) => a.id === b.id));
    }
    await seg.putResult(projectId, `users:${p}`, JSON.stringify(page), computedAtMs);
  }
  const header: UsersHeader = { computedAtMs, count: rows.length, pages, rfmNames, personas };
  await seg.putResult(projectId, 'users', JSON.stringify(header), computedAtMs);
}

/**
 * Reads the fields back, one page per `pause()`; equal fields share one object (`make` adds the common part),
 * so a million users cost a map of references, not a million objects. Null when nothing is stored.
 */
export async function readUserFields<T extends object>(
  seg: SegmentStore,
  projectId: string,
  make: (fields: UserFields) => T,
  pause: () => Promise<void>,
): Promise<{ computedAtMs: number; byKey: Map<string, T> } | null> {
  const head = await seg.getResult(projectId, 'users');
  if (!head) return null;
  const header = JSON.parse(head.body) as UsersHeader;
  const byKey = new Map<string, T>();
  const shared = new Map<number, T>();
  for (let p = 0; p < header.pages; p++) {
    const stored = await seg.getResult(projectId, `users:${p}`);
    if (!stored || stored.computedAtMs !== header.computedAtMs) return null; // a recompute is rewriting them: next time
    const page = JSON.parse(stored.body) as UsersPage;
    page.keys.forEach((key, i) => {
      const r = page.rfm[i]!;
      const a = page.pAlive[i]!;
      const q = page.persona[i]!;
      const id = ((r + 1) * 1002 + (a + 1)) * 1000 + (q + 1);
      let v = shared.get(id);
      if (!v) {
        v = make({ ...(r >= 0 ? { rfm: header.rfmNames[r]! } : {}), ...(a >= 0 ? { pAlive: a / 1000 } : {}), ...(q >= 0 ? { persona: header.personas[q]! } : {}) });
        shared.set(id, v);
      }
      byKey.set(key, v);
    });
    await pause();
  }
  return { computedAtMs: header.computedAtMs, byKey };
}
