/** The status layer (status, onboarding, nudges), composed into `createWaymark`; tree-shaken away with `createTracker` alone. */
export { createStatus } from './create-status.js';
export type { StatusApi } from './create-status.js';
export type { StatusHost, HttpGet, HttpGetResponse, StatusIdentity } from './status-host.js';
export type { StatusOptions } from './status-options.js';
export type { Population } from './snapshot-sync.js';
export type { NudgeExplanation, NudgeView, OnboardingProgress } from './status-reads.js';
