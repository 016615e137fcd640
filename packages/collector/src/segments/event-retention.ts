/** Retention returning on one chosen event, computed on demand: that event's days per user, cohorts by first seen. */
import type { Storage } from '../storage/storage.js';
import { addDay } from './activity.js';
import { localDayOf, type Interval } from './local-day.js';
import { retentionCohorts, type Cohort } from './retention.js';

const PAGE = 5000;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function eventRetention(
  storage: Storage,
  projectId: string,
  q: { event: string; interval: Interval; timeZone: string; last: number; count: number; periods: number },
): Promise<Cohort[]> {
  const dayOf = localDayOf(q.timeZone);
  const days = new Map<string, number[]>();
  for (let afterSeq = 0; ; ) {
    const page = await storage.scanEvents!(projectId, { names: [q.event], afterSeq, limit: PAGE });
    for (const e of page) {
      const key = e.userId !== undefined ? `u:${e.userId}` : `a:${e.anonymousId}`;
      let list = days.get(key);
      if (!list) days.set(key, (list = []));
      addDay(list, dayOf(e.timestampMs));
    }
    if (page.length < PAGE) break;
    afterSeq = page[page.length - 1]!.seq;
    await pause();
  }
  const users: Array<{ first: number; days: number[] }> = [];
  for (let afterKey = ''; ; ) {
    const page = await storage.segments!.readActivity(projectId, { afterKey, limit: PAGE });
    for (const r of page) users.push({ first: r.first, days: days.get(r.key) ?? [] });
    if (page.length < PAGE) break;
    afterKey = page[page.length - 1]!.key;
    await pause();
  }
  return retentionCohorts(users, q.interval, q.last - q.count + 1, q.last, q.periods);
}
