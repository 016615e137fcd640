/** Pure reads over one user's facts and the effective config: onboarding, next nudge (with holdout exposures), explain. */
import {
  explainNudge,
  nextNudge,
  onboardingProgress,
  type Nudge,
  type NudgeExplanation,
  type NudgeInput,
  type OnboardingProgress,
  type ProjectConfig,
} from '@waymark/core';

/** One user's facts and segments with the effective config, as core's nudge input (userKey: userId when known, else anonymousId). */
export interface ReadContext extends NudgeInput {
  config: ProjectConfig;
  now: number;
}

/** What `nudges.next()` returns: the nudge rule, its `content` for the UI included. */
export type NudgeView = Nudge;
export type { NudgeExplanation, OnboardingProgress };

export function onboardingFor(c: ReadContext, checklistId: string): OnboardingProgress {
  const checklist = c.checklists?.find((l) => l.id === checklistId) ?? { id: checklistId, steps: [] };
  return onboardingProgress(c.facts, checklist);
}

/**
 * The nudge to show now, and the nudges the user would have been shown first but is held out of
 * (their exposures are tracked as `Nudge Held Out` so the collector can measure lift).
 */
export function nextNudgeFor(c: ReadContext, placement?: string, onScreen: readonly string[] = []): { nudge: NudgeView | null; heldOut: string[] } {
  const nudges = c.config.nudges ?? [];
  const picked = nextNudge(nudges, c, c.now, placement) ?? null;
  // A nudge on screen whose own impression used up its cap keeps its place (unless something outranks it).
  const current = onScreen.map((id) => nudges.find((n) => n.id === id)).find((n) => n && stillOnScreen(n, c, placement));
  const nudge = current && (!picked || (current.priority ?? 0) >= (picked.priority ?? 0)) ? current : picked;
  const heldOut: string[] = [];
  for (const n of nudges) {
    if (!n.holdout || (nudge && (n.priority ?? 0) < (nudge.priority ?? 0))) continue;
    // Held out, and for nothing else.
    const { holdout, reasons } = explainNudge(n.id, nudges, c, c.now, placement);
    if (holdout && reasons.length === 1) heldOut.push(n.id);
  }
  return { nudge, heldOut };
}

/** Reasons that come from the impression itself (caps, interval, rate limit): they do not take a nudge off screen. */
const IMPRESSION_REASONS = /^(max shows|min interval|shown at|rate limited)/;

/** A nudge already shown in this page stays until dismissed, snoozed, converted, expired or out of segment. */
function stillOnScreen(n: Nudge, c: ReadContext, placement: string | undefined): boolean {
  const why = explainNudge(n.id, c.config.nudges ?? [], c, c.now, placement).reasons;
  return why.every((r) => IMPRESSION_REASONS.test(r));
}

export function explainFor(c: ReadContext, nudgeId: string, placement?: string): NudgeExplanation {
  return explainNudge(nudgeId, c.config.nudges ?? [], c, c.now, placement);
}
