/** Caches each project's stored config briefly, so ingest and status do not re-read it per request. */
import { factsConfigOf, type FactsConfig, type ProjectConfig, type StatusRules, type TrackingPlan } from '@waymark/core';
import type { Storage } from '../storage/storage.js';

export interface CachedConfig {
  config: Record<string, unknown>;
  /** 0 when the project has no stored config. */
  version: number;
}

export interface ProjectConfigCache {
  get(projectId: string, nowMs: number): Promise<CachedConfig>;
  /** What `get` would answer from the cache without reading storage; undefined when it would read. */
  peek(projectId: string, nowMs: number): CachedConfig | undefined;
  /** Call after `putProjectConfig` so the next request sees the new version at once. */
  invalidate(projectId?: string): void;
}

/** @param ttlMs how stale a config may be when changed by another process. @default 2000 */
export function createProjectConfigCache(storage: Storage, ttlMs = 2000): ProjectConfigCache {
  const entries = new Map<string, CachedConfig & { atMs: number }>();
  const peek = (projectId: string, nowMs: number): CachedConfig | undefined => {
    const hit = entries.get(projectId);
    return hit && nowMs - hit.atMs <= ttlMs ? hit : undefined;
  };
  return {
    peek,
    async get(projectId, nowMs) {
      const hit = peek(projectId, nowMs);
      if (hit) return hit;
      const stored = await storage.getProjectConfig(projectId);
      const version = stored?.version ?? 0;
      const old = entries.get(projectId);
      // Same version, same config: the entry keeps its identity, so answers memoised against it stay valid.
      if (old && old.version === version) {
        old.atMs = nowMs;
        return old;
      }
      const config = stored && typeof stored.config === 'object' && stored.config !== null ? (stored.config as Record<string, unknown>) : {};
      const entry = { config, version, atMs: nowMs };
      entries.set(projectId, entry);
      return entry;
    },
    invalidate(projectId) {
      if (projectId === undefined) entries.clear();
      else entries.delete(projectId);
    },
  };
}

const objectOr = <T>(v: unknown): T | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as T) : undefined);

/** Core's `FactsConfig` implied by the stored config (its `facts` options plus its checklists). */
export const factsConfigFor = (c: CachedConfig): FactsConfig => factsConfigOf(c.config as ProjectConfig);

/** `config.status`: lifecycle thresholds; core's defaults fill the rest. */
export const statusRulesOf = (c: CachedConfig): Partial<StatusRules> | undefined => objectOr<Partial<StatusRules>>(c.config.status);

/** `config.plan`: the tracking plan ingest checks `track` events against (validated when the config was written). */
export const trackingPlanOf = (c: CachedConfig): TrackingPlan | undefined => objectOr<TrackingPlan>(c.config.plan);
