/** Onboarding checklists: which steps are done (on any device), progress, next step, completion time. */
import { countOf, own, stepKey, type Facts } from '../facts/facts.js';
import type { StepRule } from '../facts/reduce-facts.js';

/** A checklist step, done by its event (name, optional property conditions, optional count) or explicitly. */
export interface ChecklistStep extends StepRule {
  /** Share of the progress this step is worth, relative to the others. @default 1 */
  weight?: number;
}

export interface Checklist {
  id: string;
  /** In display order; `next` is the first step not done. */
  steps: ChecklistStep[];
}

export interface StepProgress {
  id: string;
  done: boolean;
  /** When it was done (ms); 0 if not done or unknown (a `count` step completed across devices). */
  doneAt: number;
}

export interface OnboardingProgress {
  id: string;
  /** Steps done. */
  done: number;
  total: number;
  /** Weighted share done, 0 to 1. */
  progress: number;
  complete: boolean;
  /** Id of the first step not done, or null when complete. */
  next: string | null;
  /** When the last step was done (ms), 0 while incomplete or unknown. */
  completedAt: number;
  steps: StepProgress[];
}

/**
 * A step is done when any of these holds:
 * 1. it is recorded in `facts.steps` (explicitly completed with `WAYMARK_EVENTS.stepCompleted`, or by an
 *    event matching it when facts were reduced with the checklist in `FactsConfig.checklists`);
 * 2. it has an event and no `where`: the event's count in facts reaches `count` (so steps done before
 *    the checklist existed, or on another device, count as soon as their events are in facts);
 * 3. it has a `count` > 1: the matching events counted under `k:<checklist>/<step>` reach it.
 */
export function stepProgress(facts: Facts, checklistId: string, step: StepRule): StepProgress {
  const key = stepKey(checklistId, step.id);
  const need = step.count ?? 1;
  let doneAt = own(facts.steps, key) ?? 0;
  let done = doneAt > 0;
  if (!done && step.event && !step.where) {
    const total = countOf(facts, 'e:' + step.event);
    if (total >= need) {
      done = true;
      // The need-th occurrence is the (total - need + 1)-th most recent, if still among the recent times.
      const r = own(facts.names, step.event)?.r ?? [];
      doneAt = need == 1 ? (own(facts.names, step.event)?.f ?? 0) : (r[r.length - 1 - (total - need)] ?? 0);
    }
  }
  if (!done && need > 1) done = countOf(facts, 'k:' + key) >= need;
  return { id: step.id, done, doneAt };
}

/** Progress through a checklist. */
export function onboardingProgress(facts: Facts, checklist: Checklist): OnboardingProgress {
  const steps = checklist.steps.map((s) => stepProgress(facts, checklist.id, s));
  const weight = (i: number) => checklist.steps[i]!.weight ?? 1;
  let sum = 0;
  let doneSum = 0;
  steps.forEach((s, i) => {
    sum += weight(i);
    if (s.done) doneSum += weight(i);
  });
  const done = steps.filter((s) => s.done).length;
  const complete = done == steps.length;
  return {
    id: checklist.id,
    done,
    total: steps.length,
    progress: sum > 0 ? doneSum / sum : complete ? 1 : 0,
    complete,
    next: steps.find((s) => !s.done)?.id ?? null,
    completedAt: complete && steps.every((s) => s.doneAt) ? Math.max(0, ...steps.map((s) => s.doneAt)) : 0,
    steps,
  };
}
