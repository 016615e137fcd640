/** @waymark/sdk: durable browser tracking (and, through createWaymark, on-device user status). */
export { createTracker } from './create-tracker.js';
export { createWaymark } from './create-waymark.js';
export type { IdentifyOptions, Waymark, WaymarkOptions } from './create-waymark.js';
export type { NudgeExplanation, NudgeView, OnboardingProgress, Population, StatusApi, StatusOptions } from './status/index.js';
export { WaymarkError } from './errors.js';
export type { WaymarkErrorCode } from './errors.js';
export type { ConsentMode, TrackerOptions } from './options.js';
export type { CallOptions, ConsentState, Tracker, TrackerEvents } from './tracker.js';
export { VERSION } from './version.js';
export { definePlan } from '@waymark/core';
export type { EventSpec, PlannedEventName, PlannedProperties, PropertySpec, PropertyType, TrackingPlan } from '@waymark/core';
export type { PlannedTrackArgs, Track } from './planned-track.js';
