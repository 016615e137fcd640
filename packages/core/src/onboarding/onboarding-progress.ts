/** Onboarding checklists: which steps are done (on any device), progress, next step, completion time. */
import { countOf, own, qualified, type Facts } from '../facts/facts.js';
import { minTime } from '../facts/merge-facts.js';
import { WAYMARK_EVENTS, type StepRule } from '../facts/reduce-facts.js';

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
 * A step is done when it was completed explicitly (`WAYMARK_EVENTS.stepCompleted`, at that time), or
 * when its event occurred `count` times: for a step without `where`, any occurrence of the event
 * counts (so steps done before the checklist existed, or on another device, count as soon as their
 * events are in facts); with `where`, only events recorded as matching it, which requires the
 * checklist in `FactsConfig.checklists` when they were reduced (`factsConfigOf(config)` does that).
 * `doneAt` is the time of the `count`-th occurrence while it is among the recent times kept, else 0.
 */
export function stepProgress(facts: Facts, checklistId: string, step: StepRule): StepProgress {
  const key = `${checklistId}/${step.id}`;
  const explicit = own(facts.names, qualified(WAYMARK_EVENTS.stepCompleted, key));
  const name = step.where ? qualified(step.event!, key) : (step.event ?? '');
  const total = countOf(facts, 'e:' + name);
  const r = own(facts.names, name)?.r ?? [];
  const need = step.count ?? 1;
  // The need-th occurrence is the (total - need + 1)-th most recent.
  const nth = total >= need ? (r[r.length - 1 - total + need] ?? (need == 1 ? own(facts.names, name)!.f : 0)) : 0;
  return { id: step.id, done: !!explicit || total >= need, doneAt: minTime(explicit?.f ?? 0, nth) };
}

/** Progress through a checklist. */
export function onboardingProgress(facts: Facts, checklist: Checklist): OnboardingProgress {
  const steps = checklist.steps.map((s) => stepProgress(facts, checklist.id, s));
  let sum = 0;
  let doneSum = 0;
  let done = 0;
  checklist.steps.forEach((s, i) => {
    const w = s.weight ?? 1;
    sum += w;
    if (steps[i]!.done) (doneSum += w), done++;
  });
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
