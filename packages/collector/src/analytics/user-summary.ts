/**
 * One user as the dashboard's lookup shows them: status with its reason, custom segments, onboarding progress
 * per checklist and why each nudge is or is not eligible, all from core's own functions over the stored facts,
 * so the answer is what the SDK computes on that user's device. Pure.
 */
import {
  evaluateStatus,
  explainNudge,
  onboardingProgress,
  type Checklist,
  type Facts,
  type Nudge,
  type NudgeExplanation,
  type OnboardingProgress,
  type RateLimit,
  type StatusResult,
} from '@waymark/core';
import { segmentsFor } from '../profile/segments-for.js';
import { statusRulesOf, type CachedConfig } from '../profile/project-config-cache.js';

export interface UserSummary {
  status: StatusResult;
  segments: string[];
  onboarding: OnboardingProgress[];
  nudges: NudgeExplanation[];
}

const arrayOr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** `userKey` is the holdout key (the user id). A malformed stored rule is reported as a reason, never thrown. */
export function summariseUser(facts: Facts, cfg: CachedConfig, userKey: string, nowMs: number): UserSummary {
  const statusRules = statusRulesOf(cfg);
  const status = evaluateStatus(facts, statusRules, nowMs);
  const checklists = arrayOr<Checklist>(cfg.config.checklists);
  const nudges = arrayOr<Nudge>(cfg.config.nudges);
  const rateLimit = cfg.config.rateLimit as RateLimit | null | undefined;
  const input = { facts, userKey, checklists, ...(statusRules ? { statusRules } : {}), ...(rateLimit !== undefined ? { rateLimit } : {}) };
  return {
    status,
    segments: segmentsFor(facts, cfg, nowMs, status.status, statusRules),
    onboarding: checklists.map((c) => onboardingProgress(facts, c)),
    nudges: nudges.map((n) => {
      try {
        return explainNudge(n.id, nudges, input, nowMs);
      } catch (error) {
        return { id: n.id, eligible: false, holdout: false, reasons: [`rule could not be evaluated: ${String(error)}`] };
      }
    }),
  };
}
