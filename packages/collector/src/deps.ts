/** What every route module receives from `createApp` (D's config routes use the same object). */
import type { ResolvedConfig } from './config.js';
import type { OriginPolicy } from './http/cors.js';
import type { ProjectLookup } from './http/project-lookup.js';
import type { RateLimiter } from './ops/rate-limiter.js';
import type { ProjectConfigCache } from './profile/project-config-cache.js';
import type { PopulationIndex } from './segments/population-index.js';
import type { RecomputeRunner } from './segments/recompute-runner.js';
import type { FactsReducer, Storage } from './storage/storage.js';

export interface AppDeps {
  storage: Storage;
  /** Key → project lookups, cached briefly; invalidate after changing keys or settings. */
  projects: ProjectLookup;
  config: ResolvedConfig;
  /** Stored project configs, cached briefly; invalidate after writing one. */
  configs: ProjectConfigCache;
  /** Union of the projects' CORS allow-lists; invalidate after changing a project. */
  origins: OriginPolicy;
  keyLimiter: RateLimiter;
  ipLimiter: RateLimiter;
  /** Population segments: per-user fields for status reads, and the on-demand recompute. */
  population: { index: PopulationIndex; runner: RecomputeRunner };
  /** Overrides the facts reducer (tests); otherwise core's, built from `config.facts`. */
  facts?: FactsReducer;
}
