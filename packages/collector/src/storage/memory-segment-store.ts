/** The memory adapter's population-segment store (see segment-store.ts): plain maps, whole snapshots per day. */
import type { MemoryState } from './memory-storage.js';
import type { ActivityMark, ActivityRow, ActivityScanRow, SegmentStore, SnapshotRow } from './segment-store.js';

const byKey = <T extends { key: string }>(rows: Iterable<T>, afterKey: string, limit: number): T[] =>
  [...rows].filter((r) => r.key > afterKey).sort((a, b) => (a.key < b.key ? -1 : 1)).slice(0, limit);

export function createMemorySegmentStore(state: MemoryState): SegmentStore & { eraseUsers(projectId: string, keys: readonly string[]): void } {
  const activity = new Map<string, Map<string, ActivityRow>>();
  const marks = new Map<string, ActivityMark>();
  const snapshots = new Map<string, Map<number, SnapshotRow[]>>();
  const results = new Map<string, { body: string; computedAtMs: number }>();
  const of = <V>(m: Map<string, V>, projectId: string, make: () => V): V => {
    let v = m.get(projectId);
    if (!v) m.set(projectId, (v = make()));
    return v;
  };
  const link = (projectId: string, kind: string, id: string) => state.links.get([projectId, kind, id].join('\u0000'));

  return {
    async scanActivity(projectId, q) {
      const out: ActivityScanRow[] = [];
      for (const row of state.events) {
        if (!row || row.projectId !== projectId || row.seq <= q.afterSeq) continue;
        const e = row.event;
        const userId = e.userId !== undefined ? link(projectId, 'u', e.userId) ?? e.userId : e.anonymousId !== undefined ? link(projectId, 'a', e.anonymousId) : undefined;
        out.push({
          seq: row.seq, key: userId !== undefined ? `u:${userId}` : `a:${e.anonymousId}`, type: e.type, timestampMs: e.timestampMs,
          ...(e.anonymousId !== undefined ? { anonymousId: e.anonymousId } : {}), ...(e.name !== undefined ? { name: e.name } : {}),
        });
        if (out.length >= q.limit) break;
      }
      return out;
    },
    async readActivity(projectId, q) {
      return byKey(activity.get(projectId)?.values() ?? [], q.afterKey, q.limit).map((r) => ({ ...r, days: [...r.days] }));
    },
    async writeActivity(projectId, rows, removed) {
      const map = of(activity, projectId, () => new Map<string, ActivityRow>());
      for (const r of rows) map.set(r.key, { key: r.key, first: r.first, days: [...r.days] });
      for (const key of removed) map.delete(key);
    },
    async readActivityMark(projectId) {
      return marks.get(projectId) ?? null;
    },
    async setActivityMark(projectId, mark) {
      marks.set(projectId, { ...mark });
    },
    async clearActivity(projectId) {
      activity.delete(projectId);
      marks.delete(projectId);
    },
    async putSnapshot(projectId, day, rows) {
      const days = of(snapshots, projectId, () => new Map<number, SnapshotRow[]>());
      const latest = Math.max(-Infinity, ...days.keys());
      if (day < latest) throw new RangeError(`a snapshot of a later day exists (${latest})`);
      days.set(day, rows.map((r) => ({ key: r.key, status: r.status, segments: [...r.segments] })));
    },
    async readSnapshot(projectId, day, q) {
      const days = snapshots.get(projectId);
      const at = Math.max(-Infinity, ...[...(days?.keys() ?? [])].filter((d) => d <= day));
      if (!days || at === -Infinity) return { day: null, rows: [] };
      return { day: at, rows: byKey(days.get(at)!, q.afterKey, q.limit).map((r) => ({ ...r, segments: [...r.segments] })) };
    },
    async snapshotDays(projectId) {
      return [...(snapshots.get(projectId)?.keys() ?? [])].sort((a, b) => a - b);
    },
    async putResult(projectId, kind, body, computedAtMs) {
      results.set(`${projectId}\u0000${kind}`, { body, computedAtMs });
    },
    async getResult(projectId, kind) {
      return results.get(`${projectId}\u0000${kind}`) ?? null;
    },
    eraseUsers(projectId, keys) {
      for (const key of keys) activity.get(projectId)?.delete(key);
      for (const rows of snapshots.get(projectId)?.values() ?? []) {
        const kept = rows.filter((r) => !keys.includes(r.key));
        rows.splice(0, rows.length, ...kept);
      }
    },
  };
}
