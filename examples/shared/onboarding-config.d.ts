/** Types of onboarding-config.js for the React example. */
import type { WaymarkOptions } from '@waymark/sdk';

export interface ExampleStep {
  id: string;
  event: string;
  label: string;
  count?: number;
}
export declare const STEPS: ExampleStep[];
export declare const NUDGE_IDS: string[];
export declare function onboardingOptions(demo: { host: string; writeKey: string }, extra?: { flushIntervalMs?: number }): WaymarkOptions;
