/** Tracking-plan violations counted per project and event name since the process started (admin API and `/metrics`). */
import type { PlanViolation } from '../ingest/prepare-batch.js';

/** Distinct event names counted per project; further names count under `OTHER_EVENTS` (unplanned names are client-chosen). */
export const MAX_NAMES_PER_PROJECT = 200;
export const OTHER_EVENTS = '(other)';

export interface PlanViolationCount {
  event: string;
  /** Violating events stored with `planViolations` (project plan `onViolation: 'flag'`). */
  flagged: number;
  /** Violating events refused with the reason (`onViolation: 'reject'`, the default). */
  rejected: number;
  lastReasons: string[];
  lastAtMs: number;
}

export interface PlanViolationCounter {
  record(projectId: string, violations: readonly PlanViolation[], nowMs: number): void;
  /** The project's counts, most violations first. */
  forProject(projectId: string): PlanViolationCount[];
  /** Prometheus exposition lines of `waymark_plan_violations_total{project,event,action}`. */
  render(): string[];
}

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function createPlanViolationCounter(): PlanViolationCounter {
  const projects = new Map<string, Map<string, PlanViolationCount>>();
  return {
    record(projectId, violations, nowMs) {
      if (!violations.length) return;
      let byName = projects.get(projectId);
      if (!byName) projects.set(projectId, (byName = new Map()));
      for (const v of violations) {
        const name = byName.has(v.event) || byName.size < MAX_NAMES_PER_PROJECT ? v.event : OTHER_EVENTS;
        let count = byName.get(name);
        if (!count) byName.set(name, (count = { event: name, flagged: 0, rejected: 0, lastReasons: [], lastAtMs: 0 }));
        count[v.action]++;
        count.lastReasons = v.reasons;
        count.lastAtMs = nowMs;
      }
    },
    forProject: (projectId) =>
      [...(projects.get(projectId)?.values() ?? [])].map((c) => ({ ...c })).sort((a, b) => b.flagged + b.rejected - (a.flagged + a.rejected) || (a.event < b.event ? -1 : 1)),
    render() {
      const lines = ['# HELP waymark_plan_violations_total Track events violating the project tracking plan, by event name and action.', '# TYPE waymark_plan_violations_total counter'];
      for (const [projectId, byName] of projects) {
        for (const c of byName.values()) {
          for (const action of ['flagged', 'rejected'] as const) {
            if (c[action]) lines.push(`waymark_plan_violations_total{project="${label(projectId)}",event="${label(c.event)}",action="${action}"} ${c[action]}`);
          }
        }
      }
      return lines;
    },
  };
}
