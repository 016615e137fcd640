/** Options of the status layer (status, onboarding, nudges). */
import type { Checklist, Nudge, ProjectConfig, StatusRules } from '@waymark/core';

export interface StatusOptions {
  /** Onboarding checklists: `[{ id, steps: [{ id, event?, where?, count?, weight? }] }]`. @default [] */
  checklists?: Checklist[];
  /** Nudge rules (segment, priority, placement, caps, schedule, holdout share, content). @default [] */
  nudges?: Nudge[];
  /** Lifecycle thresholds overriding core's `DEFAULT_STATUS_RULES` key by key. @default DEFAULT_STATUS_RULES */
  statusRules?: Partial<StatusRules>;
  /**
   * Any other project-config fields, in the shape `GET /v1/config` serves (`rateLimit`, `facts`,
   * `segments`, ...). Everything given at init is a default that the collector's copy overrides by id
   * (lists) or by key (objects). @default {}
   */
  config?: ProjectConfig;
  /** Fetch the project's config from `GET /v1/config` (cached on the device, revalidated by ETag). @default true */
  remoteConfig?: boolean;
  /**
   * Identity-verification signature (hex HMAC-SHA256 of the user id with the project's secret key, computed
   * by your backend) for the user already identified when the page loads. For a login, pass it to
   * `identify(userId, traits, { userHash })`. @default none
   */
  userHash?: string;
  /** At start, skip revalidating `GET /v1/config` when the cached copy was confirmed less than this long ago. @default 300000 */
  configMaxAgeMs?: number;
  /** At start, skip fetching `GET /v1/status` when the device heard from it less than this long ago. @default 60000 */
  snapshotMaxAgeMs?: number;
}
