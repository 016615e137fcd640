/**
 * The project overview behind the analytics API and the dashboard: people, lifecycle mix, DAU/WAU/MAU and
 * stickiness, daily actives, onboarding funnels, custom segment sizes and top events. Pure: it folds
 * profiles (facts) one at a time with core's own functions, so the numbers are the ones the SDK shows
 * each user, and memory stays O(checklists + segments + event names) whatever the number of users.
 */
import {
  countOf,
  DAY_MS,
  evaluateStatus,
  matchSegment,
  onboardingProgress,
  type Checklist,
  type Facts,
  type Predicate,
  type Status,
  type StatusRules,
} from '@waymark/core';
import { createMedianSketch } from './median-sketch.js';

export interface OverviewOptions {
  nowMs: number;
  /** Days of daily actives returned (at most 90: facts keep the last 90 active days). @default 30 */
  days?: number;
  statusRules?: Partial<StatusRules>;
  /** @default [] */
  checklists?: Checklist[];
  /** Custom segments by id. @default {} */
  segments?: Readonly<Record<string, Predicate>>;
  /** How many event names `events.top` lists. @default 10 */
  topEvents?: number;
}

export interface Overview {
  asOf: string;
  people: { total: number; identified: number; anonymous: number };
  lifecycle: Record<Status, number>;
  activity: {
    /** People active on the current UTC day, in the last 7 and in the last 30 days. */
    dau: number;
    wau: number;
    mau: number;
    /** dau / mau, or null without monthly actives. */
    stickiness: number | null;
    /** Oldest first, ending today (UTC). */
    daily: Array<{ date: string; active: number }>;
  };
  onboarding: Array<{
    id: string; people: number; completed: number; completionRate: number | null;
    /** `medianMs`: median time from first seen to the step, over the people who did it at a known time (±2.5%). */
    steps: Array<{ id: string; done: number; medianMs: number | null }>;
  }>;
  segments: Array<{ id: string; people: number }>;
  events: { total: number; purchases: number; revenue: number; top: Array<{ name: string; count: number }> };
}

export interface OverviewAccumulator {
  /**
   * Folds one profile; `identified` is true for a user profile, false for an anonymous one. `status`: the
   * profile's status when the caller already evaluated it under the same rules and instant (saves a second
   * evaluation). @default evaluated here
   */
  add(facts: Facts, identified: boolean, status?: Status): void;
  result(): Overview;
}

const STATUSES: readonly Status[] = ['new', 'active', 'loyal', 'dormant', 'churned', 'resurrected'];
const MAX_DAYS = 90;

export function createOverview(options: OverviewOptions): OverviewAccumulator {
  const { nowMs, statusRules, checklists = [], segments = {} } = options;
  const days = Math.max(1, Math.min(MAX_DAYS, Math.floor(options.days ?? 30)));
  const today = Math.floor(nowMs / DAY_MS);
  const people = { total: 0, identified: 0, anonymous: 0 };
  const lifecycle = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const daily = new Array<number>(days).fill(0);
  let dau = 0;
  let wau = 0;
  let mau = 0;
  const funnels = checklists.map((c) => ({ id: c.id, people: 0, completed: 0, steps: c.steps.map((s) => ({ id: s.id, done: 0, sketch: createMedianSketch() })) }));
  const segmentIds = Object.keys(segments);
  const segmentSizes = new Array<number>(segmentIds.length).fill(0);
  const eventCounts = new Map<string, number>();
  const events = { total: 0, purchases: 0, revenue: 0 };

  return {
    add(facts, identified, known) {
      people.total++;
      people[identified ? 'identified' : 'anonymous']++;
      const status = known ?? evaluateStatus(facts, statusRules, nowMs).status;
      lifecycle[status]++;
      // facts.days is ascending: the most recent day decides the DAU/WAU/MAU windows.
      const lastDay = facts.days[facts.days.length - 1];
      if (lastDay !== undefined) {
        const since = today - lastDay;
        if (since === 0) dau++;
        if (since >= 0 && since < 7) wau++;
        if (since >= 0 && since < 30) mau++;
        for (const d of facts.days) if (today - d >= 0 && today - d < days) daily[days - 1 - (today - d)]!++;
      }
      checklists.forEach((checklist, i) => {
        const p = onboardingProgress(facts, checklist);
        const funnel = funnels[i]!;
        funnel.people++;
        if (p.complete) funnel.completed++;
        p.steps.forEach((s, j) => {
          if (!s.done) return;
          funnel.steps[j]!.done++;
          if (s.doneAt > 0 && facts.first > 0) funnel.steps[j]!.sketch.add(s.doneAt - facts.first);
        });
      });
      segmentIds.forEach((id, i) => {
        try {
          if (matchSegment(segments[id]!, { facts, status, ...(statusRules ? { statusRules } : {}), checklists }, nowMs)) segmentSizes[i]!++;
        } catch {
          // a malformed stored predicate counts nobody; it never breaks the overview
        }
      });
      events.total += countOf(facts, 'events');
      events.purchases += countOf(facts, 'purchases');
      events.revenue += countOf(facts, 'revenue');
      for (const name in facts.names) {
        if (name.includes('#')) continue; // engine-qualified names duplicate their plain event's count
        eventCounts.set(name, (eventCounts.get(name) ?? 0) + countOf(facts, `e:${name}`));
      }
    },
    result() {
      const top = [...eventCounts].filter(([, count]) => count > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, options.topEvents ?? 10).map(([name, count]) => ({ name, count }));
      return {
        asOf: new Date(nowMs).toISOString(),
        people: { ...people },
        lifecycle: { ...lifecycle },
        activity: {
          dau, wau, mau,
          stickiness: mau ? dau / mau : null,
          daily: daily.map((active, i) => ({ date: new Date((today - (days - 1 - i)) * DAY_MS).toISOString().slice(0, 10), active })),
        },
        onboarding: funnels.map((f) => ({
          ...f,
          completionRate: f.people ? f.completed / f.people : null,
          steps: f.steps.map(({ id, done, sketch }) => ({ id, done, medianMs: sketch.median() })),
        })),
        segments: segmentIds.map((id, i) => ({ id, people: segmentSizes[i]! })),
        events: { ...events, revenue: Math.round(events.revenue * 100) / 100, top },
      };
    },
  };
}
