/** Caches write-key and secret-key lookups briefly: every ingest and status request starts with one. */
import type { Project, Storage } from '../storage/storage.js';

export interface ProjectLookup {
  findProjectByWriteKey(key: string): Promise<Project | null>;
  findProjectBySecretKey(key: string): Promise<Project | null>;
  /** The project of a write key found by a lookup that is still fresh, without waiting; undefined otherwise. */
  cachedWriteKeyProject(key: string): Project | undefined;
  /** Forget everything (after keys or settings changed here). */
  invalidate(): void;
}

/**
 * @param ttlMs how long a change made by another process (another replica, the CLI) may go unseen.
 * Unknown keys are cached too, so a flood with bad keys costs one query per key per TTL. @default 1000
 */
export function createProjectLookup(storage: Storage, nowMs: () => number, ttlMs = 1000, maxEntries = 10_000): ProjectLookup {
  const cache = new Map<string, { project: Project | null; atMs: number }>();
  const lookup = async (kind: 'w' | 's', key: string): Promise<Project | null> => {
    const id = `${kind}:${key}`;
    const now = nowMs();
    const hit = cache.get(id);
    if (hit && now - hit.atMs <= ttlMs) return hit.project;
    const project = kind === 'w' ? await storage.findProjectByWriteKey(key) : await storage.findProjectBySecretKey(key);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(id, { project, atMs: now });
    return project;
  };
  return {
    findProjectByWriteKey: (key) => lookup('w', key),
    findProjectBySecretKey: (key) => lookup('s', key),
    cachedWriteKeyProject(key) {
      const hit = cache.get(`w:${key}`);
      return hit?.project && nowMs() - hit.atMs <= ttlMs ? hit.project : undefined;
    },
    invalidate: () => cache.clear(),
  };
}
