export type {
  BatchRequest,
  BatchResponse,
  EventContext,
  EventType,
  JsonObject,
  JsonValue,
  RejectedEvent,
  WireEvent,
} from './wire.js';
export { LIMITS } from './wire.js';

export type { Facts, NameFacts, SourceCounters } from './facts/facts.js';
export { countOf, DAY_MS, emptyFacts, FACTS_LIMITS, purchaseDays, qualified } from './facts/facts.js';
export type { FactsConfig, StepRule } from './facts/reduce-facts.js';
export { DEFAULT_FACTS_CONFIG, reduceEvents, reduceFacts, sourceOf, WAYMARK_EVENTS } from './facts/reduce-facts.js';
export { mergeFacts } from './facts/merge-facts.js';

export type { Status, StatusResult, StatusRules } from './status/evaluate-status.js';
export { DEFAULT_STATUS_RULES, evaluateStatus, medianGapDays } from './status/evaluate-status.js';

export type { ValueCondition } from './segment/match-value.js';
export { matchProperties, matchValue } from './segment/match-value.js';
export type { Bounds, Metric, Predicate, SegmentInput } from './segment/match-segment.js';
export { explainSegment, matchSegment } from './segment/match-segment.js';

export type { Checklist, ChecklistStep, OnboardingProgress, StepProgress } from './onboarding/onboarding-progress.js';
export { onboardingProgress, stepProgress } from './onboarding/onboarding-progress.js';

export type { Nudge, NudgeExplanation, NudgeInput, RateLimit } from './nudge/next-nudge.js';
export { DEFAULT_RATE_LIMIT, explainNudge, nextNudge } from './nudge/next-nudge.js';
export { hash32, inHoldout } from './nudge/in-holdout.js';

export type { AnalyticsConfig, ProjectConfig } from './config/project-config.js';
export { factsConfigOf } from './config/project-config.js';

export type { EventSpec, HasRequiredProperties, PlannedEventName, PlannedProperties, PropertySpec, PropertyType, TrackingPlan } from './plan/tracking-plan.js';
export { definePlan } from './plan/tracking-plan.js';
export { checkPlannedEvent, SDK_EVENT_NAMES } from './plan/check-planned-event.js';
