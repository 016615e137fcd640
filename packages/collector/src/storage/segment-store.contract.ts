/** The population-segment store's contract (`storage.segments`), run by `storageContract` against every adapter that has one. */
import { beforeEach, describe, expect, it } from 'vitest';
import { storedEvent, seenReducer } from './storage.contract.js';
import type { SegmentStore } from './segment-store.js';
import type { Storage } from './storage.js';

const P = 'p1';

export function segmentStoreContract(getStorage: () => Storage): void {
  describe('segments (results store)', () => {
    let seg: SegmentStore;
    beforeEach((ctx) => {
      const s = getStorage().segments;
      if (!s) return ctx.skip();
      seg = s;
    });

    it('scans every event in seq order with its key resolved through identity links', async () => {
      const storage = getStorage();
      await storage.commitBatch(P, [storedEvent('m1', { anonymousId: 'anon' }), storedEvent('m2', { anonymousId: 'other' })], seenReducer);
      await storage.commitBatch(P, [storedEvent('m3', { userId: 'u1', anonymousId: 'anon' }, { type: 'identify' }), storedEvent('m4', { anonymousId: 'anon' })], seenReducer);
      await storage.commitBatch('p2', [storedEvent('x1', { userId: 'elsewhere' })], seenReducer);
      const all = await seg.scanActivity(P, { afterSeq: 0, limit: 100 });
      expect(all.map((r) => [r.key, r.type, r.anonymousId])).toEqual([
        ['u:u1', 'track', 'anon'], ['a:other', 'track', 'other'], ['u:u1', 'identify', 'anon'], ['u:u1', 'track', 'anon'],
      ]);
      expect(all.map((r) => r.seq)).toEqual([...all.map((r) => r.seq)].sort((a, b) => a - b));
      expect(all[0]).toMatchObject({ name: 'Clicked', timestampMs: Date.parse('2026-11-25T10:00:00.000Z') });
      const page = await seg.scanActivity(P, { afterSeq: all[1]!.seq, limit: 1 });
      expect(page.map((r) => r.seq)).toEqual([all[2]!.seq]);
    });

    it('stores activity histories in key order, deletes removed keys and keeps a mark until cleared', async () => {
      await seg.writeActivity(P, [{ key: 'u:b', first: 20_000, days: [20_001, 20_009, 20_400] }, { key: 'a:z', first: 20_003, days: [] }, { key: 'u:a', first: 19_000, days: [19_000] }], []);
      await seg.writeActivity('p2', [{ key: 'u:c', first: 1, days: [1] }], []);
      expect(await seg.readActivity(P, { afterKey: '', limit: 2 })).toEqual([{ key: 'a:z', first: 20_003, days: [] }, { key: 'u:a', first: 19_000, days: [19_000] }]);
      expect(await seg.readActivity(P, { afterKey: 'u:a', limit: 10 })).toEqual([{ key: 'u:b', first: 20_000, days: [20_001, 20_009, 20_400] }]);
      await seg.writeActivity(P, [{ key: 'u:a', first: 18_999, days: [18_999, 19_000] }], ['a:z']);
      expect((await seg.readActivity(P, { afterKey: '', limit: 10 })).map((r) => r.key)).toEqual(['u:a', 'u:b']);
      expect(await seg.readActivityMark(P)).toBeNull();
      await seg.setActivityMark(P, { seq: 42, timeZone: 'Europe/Paris' });
      expect(await seg.readActivityMark(P)).toEqual({ seq: 42, timeZone: 'Europe/Paris' });
      await seg.clearActivity(P);
      expect(await seg.readActivityMark(P)).toBeNull();
      expect(await seg.readActivity(P, { afterKey: '', limit: 10 })).toEqual([]);
      expect(await seg.readActivity('p2', { afterKey: '', limit: 10 })).toHaveLength(1);
    });

    it('answers the latest snapshot on or before a day, retakes a day, refuses an earlier one', async () => {
      const row = (key: string, status: string, ...segments: string[]) => ({ key, status, segments });
      await seg.putSnapshot(P, 100, [row('u:1', 'new'), row('u:2', 'active', 'vip')]);
      await seg.putSnapshot(P, 103, [row('u:1', 'active'), row('u:2', 'active', 'vip'), row('u:3', 'new')]);
      expect(await seg.readSnapshot(P, 99, { afterKey: '', limit: 10 })).toEqual({ day: null, rows: [] });
      expect(await seg.readSnapshot(P, 102, { afterKey: '', limit: 10 })).toEqual({ day: 100, rows: [row('u:1', 'new'), row('u:2', 'active', 'vip')] });
      expect(await seg.readSnapshot(P, 500, { afterKey: 'u:1', limit: 1 })).toEqual({ day: 103, rows: [row('u:2', 'active', 'vip')] });
      await seg.putSnapshot(P, 103, [row('u:2', 'dormant')]); // retaken the same day: u:1 and u:3 left
      expect(await seg.readSnapshot(P, 103, { afterKey: '', limit: 10 })).toEqual({ day: 103, rows: [row('u:2', 'dormant')] });
      expect((await seg.readSnapshot(P, 100, { afterKey: '', limit: 10 })).rows).toHaveLength(2);
      await expect(seg.putSnapshot(P, 101, [])).rejects.toThrow(RangeError);
      await seg.putSnapshot(P, 104, [row('u:1', 'churned'), row('u:2', 'dormant')]); // u:1 back after an absence
      expect((await seg.readSnapshot(P, 104, { afterKey: '', limit: 10 })).rows).toEqual([row('u:1', 'churned'), row('u:2', 'dormant')]);
      expect(await seg.snapshotDays(P)).toEqual([100, 103, 104]);
      expect(await seg.snapshotDays('p2')).toEqual([]);
    });

    it('keeps one result per kind and project', async () => {
      expect(await seg.getResult(P, 'lifecycle')).toBeNull();
      await seg.putResult(P, 'lifecycle', '{"a":1}', 5);
      await seg.putResult(P, 'lifecycle', '{"a":2}', 6);
      expect(await seg.getResult(P, 'lifecycle')).toEqual({ body: '{"a":2}', computedAtMs: 6 });
      expect(await seg.getResult('p2', 'lifecycle')).toBeNull();
    });

    it('erases a deleted user\'s history and snapshot rows', async () => {
      const storage = getStorage();
      await storage.commitBatch(P, [storedEvent('e1', { userId: 'gone', anonymousId: 'g-anon' }), storedEvent('e2', { userId: 'stays' })], seenReducer);
      await seg.writeActivity(P, [{ key: 'u:gone', first: 1, days: [1] }, { key: 'a:g-anon', first: 1, days: [] }, { key: 'u:stays', first: 1, days: [1] }], []);
      await seg.putSnapshot(P, 10, [{ key: 'u:gone', status: 'new', segments: [] }, { key: 'u:stays', status: 'new', segments: [] }]);
      await storage.deleteUser(P, 'gone');
      expect((await seg.readActivity(P, { afterKey: '', limit: 10 })).map((r) => r.key)).toEqual(['u:stays']);
      expect((await seg.readSnapshot(P, 10, { afterKey: '', limit: 10 })).rows.map((r) => r.key)).toEqual(['u:stays']);
    });
  });
}
