/** Reads a stored population result, computing the project's results once on demand when none exist yet. */
import type { Storage } from '../storage/storage.js';
import type { RecomputeRunner } from './recompute-runner.js';
import { RESULT_KINDS } from './population-results.js';

/** Parsed result, or null when the models ran but this one had too little data. */
export async function readResult<T>(storage: Storage, runner: RecomputeRunner, projectId: string, kind: string): Promise<T | null> {
  const seg = storage.segments!;
  let stored = await seg.getResult(projectId, kind);
  if (!stored && !(await seg.getResult(projectId, RESULT_KINDS.summary))) {
    await runner.run(projectId);
    stored = await seg.getResult(projectId, kind);
  }
  return stored ? (JSON.parse(stored.body) as T) : null;
}

/** The stamp fields as the API shows them. */
export const stampOf = (r: { computedAtMs: number; configVersion: number }) => ({ computedAt: new Date(r.computedAtMs).toISOString(), configVersion: r.configVersion });
