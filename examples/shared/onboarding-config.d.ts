/** Types of onboarding-config.js for the React example. */
import type { ProjectConfig } from '@waymark/core';
import type { WaymarkOptions } from '@waymark/sdk';

export interface ExampleStep {
  id: string;
  event: string;
  label: string;
  count?: number;
}
export declare const STEPS: ExampleStep[];
export declare const NUDGE_IDS: string[];
/** The collector's project config the demo puts there (and the pages read back with GET /v1/config). */
export declare const PROJECT_CONFIG: ProjectConfig & { segments: NonNullable<ProjectConfig['segments']> };
export declare function onboardingOptions(demo: { host: string; writeKey: string }, extra?: { flushIntervalMs?: number }): WaymarkOptions;
