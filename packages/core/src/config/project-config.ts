/** The per-project rule configuration served by the collector (`GET /v1/config`) and given to the SDK at init. */
import type { FactsConfig } from '../facts/reduce-facts.js';
import type { RateLimit, Nudge } from '../nudge/next-nudge.js';
import type { Checklist } from '../onboarding/onboarding-progress.js';
import type { TrackingPlan } from '../plan/tracking-plan.js';
import type { Predicate } from '../segment/match-segment.js';
import type { StatusRules } from '../status/evaluate-status.js';

export interface ProjectConfig {
  /** Status thresholds. @default DEFAULT_STATUS_RULES */
  status?: Partial<StatusRules>;
  /** Onboarding checklists. @default [] */
  checklists?: Checklist[];
  /** Nudge rules. @default [] */
  nudges?: Nudge[];
  /** Global nudge rate limit; `null` disables it. @default DEFAULT_RATE_LIMIT */
  rateLimit?: RateLimit | null;
  /** How events become facts (pinned events, purchases, churn signals). @default DEFAULT_FACTS_CONFIG */
  facts?: Omit<FactsConfig, 'checklists'>;
  /** Custom segments by id (evaluated by the collector over all users; usable on device too). @default {} */
  segments?: Record<string, Predicate>;
  /**
   * Trait names the collector may send to browsers in `GET /v1/status` (for trait predicates on the device).
   * Traits not listed never leave the server: the write key is public. @default [] (none)
   */
  statusTraits?: string[];
  /** The tracking plan the collector checks every `track` event against (reject or flag, per `plan.onViolation`). @default none */
  plan?: TrackingPlan;
}

/** The `FactsConfig` implied by a project config: its facts options plus its checklists. Use it on device and server alike. */
export function factsConfigOf(config: ProjectConfig | undefined): FactsConfig {
  return { ...config?.facts, checklists: config?.checklists ?? [] };
}
