/**
 * Brings a project's stored activity histories up to date: folds the events stored since the last mark
 * (`foldActivity`), writes back the changed histories, moves the mark. A time-zone change starts over from the
 * first event. Decision (issue 11): histories per user, kept incrementally from the events table, because the facts
 * keep only 90 recent UTC days; an interrupted run is harmless (the fold is idempotent, the mark moves last).
 */
import type { SegmentStore } from '../storage/segment-store.js';
import { foldActivity, type ActivityEvent, type UserActivity } from './activity.js';
import { localDayOf } from './local-day.js';

const PAGE = 5000;
/** Histories written per call (one transaction each): small, so ingest's commits wait little for the write lock. */
const WRITE_PAGE = 1000;
const ACTIVE_TYPES = new Set(['track', 'page', 'screen']);

export interface ActivityUpdate {
  users: Map<string, UserActivity>;
  /** Events folded by this call. */
  scanned: number;
  /** Histories written back (changed or folded into another). */
  written: number;
}

export async function updateActivity(
  seg: SegmentStore,
  projectId: string,
  options: { timeZone: string; churnEvents: readonly string[]; pause: () => Promise<void> },
): Promise<ActivityUpdate> {
  const { timeZone, pause } = options;
  const churn = new Set(options.churnEvents);
  let mark = await seg.readActivityMark(projectId);
  if (mark && mark.timeZone !== timeZone) {
    await seg.clearActivity(projectId);
    mark = null;
  }
  const users = new Map<string, UserActivity>();
  for (let afterKey = ''; ; ) {
    const page = await seg.readActivity(projectId, { afterKey, limit: PAGE });
    for (const r of page) users.set(r.key, { first: r.first, days: r.days });
    if (page.length < PAGE) break;
    afterKey = page[page.length - 1]!.key;
    await pause();
  }
  const dayOf = localDayOf(timeZone);
  const changed = new Set<string>();
  let seq = mark?.seq ?? 0;
  let scanned = 0;
  for (;;) {
    const page = await seg.scanActivity(projectId, { afterSeq: seq, limit: PAGE });
    const events = page.map((r): ActivityEvent => ({
      key: r.key, timestampMs: r.timestampMs, active: ACTIVE_TYPES.has(r.type) && !(r.type === 'track' && churn.has(r.name ?? '')),
      ...(r.anonymousId !== undefined ? { anonymousId: r.anonymousId } : {}),
    }));
    for (const key of foldActivity(users, events, dayOf)) changed.add(key);
    scanned += page.length;
    if (page.length) seq = page[page.length - 1]!.seq;
    if (page.length < PAGE) break;
    await pause();
  }
  const keys = [...changed];
  for (let i = 0; i < keys.length; i += WRITE_PAGE) {
    const slice = keys.slice(i, i + WRITE_PAGE);
    const rows = slice.flatMap((key) => (users.has(key) ? [{ key, ...users.get(key)! }] : []));
    await seg.writeActivity(projectId, rows, slice.filter((key) => !users.has(key)));
    await pause();
  }
  if (seq !== (mark?.seq ?? 0) || !mark) await seg.setActivityMark(projectId, { seq, timeZone });
  return { users, scanned, written: keys.length };
}
