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
  /** Population analytics on the collector (lifecycle, retention, snapshots, personas). @default {} */
  analytics?: AnalyticsConfig;
}

/** Settings of the collector's population models (the device ignores them). */
export interface AnalyticsConfig {
  /** IANA time zone of the project's days, weeks and months. @default 'UTC' */
  timeZone?: string;
  personas?: {
    /** Seed of k-means++ (same seed, same personas). @default 1 */
    seed?: number;
    /** @default 2 */
    kMin?: number;
    /** @default 6 */
    kMax?: number;
    /** Persona id (`p1`, `p2`, … by size) → name shown instead of the generated one. @default {} */
    names?: Record<string, string>;
    /** Category → event names whose rate is a feature. @default the 5 event names held by the most users */
    categories?: Record<string, string[]>;
  };
  /** RFM inputs and table (the collector's `rfmInputFromFacts` / `rfmScores` options). */
  rfm?: {
    /** `purchaseDays`, `activeDays` or a facts counter (`purchases`, `sessions`, `e:<name>`). @default 'purchaseDays' */
    frequency?: string;
    /** The facts counter read as monetary. @default 'revenue' */
    monetary?: string;
    /** @default 'purchase' */
    recencyFrom?: 'purchase' | 'activity';
    /** `rf`: the 10-group R×F grid; `rfm`: the R×FM table. @default 'rf' */
    table?: 'rf' | 'rfm';
  };
  /** Churn risk (BG/NBD + Gamma-Gamma). */
  churn?: {
    /** Time unit of the fit. @default 'week' */
    unit?: 'day' | 'week';
    /** Periods ahead for expected purchases and value. @default 52 weeks or 365 days */
    horizon?: number;
  };
}

/** The `FactsConfig` implied by a project config: its facts options plus its checklists. Use it on device and server alike. */
export function factsConfigOf(config: ProjectConfig | undefined): FactsConfig {
  return { ...config?.facts, checklists: config?.checklists ?? [] };
}
