/** @waymark/react: a provider and hooks over the Waymark SDK, safe under server rendering. */
export { WaymarkProvider } from './waymark-provider.js';
export type { WaymarkProviderProps } from './waymark-provider.js';
export { useWaymark } from './use-waymark-read.js';
export { useStatus, UNKNOWN_STATUS } from './use-status.js';
export type { LifecycleStatus, StatusView } from './use-status.js';
export { useOnboarding } from './use-onboarding.js';
export type { OnboardingView } from './use-onboarding.js';
export { useNudge } from './use-nudge.js';
export type { NudgeState } from './use-nudge.js';
export { useSegments } from './use-segments.js';
export type { SegmentsView } from './use-segments.js';
