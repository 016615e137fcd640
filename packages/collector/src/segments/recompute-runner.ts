/** Runs `recomputeProject` at most once at a time per project (concurrent asks share the run), then refreshes the index. */
import type { Storage } from '../storage/storage.js';
import type { PopulationIndex } from './population-index.js';
import { recomputeProject, type RecomputeOptions, type RecomputeSummary } from './recompute-project.js';

export interface RecomputeRunner {
  run(projectId: string): Promise<RecomputeSummary>;
}

export function createRecomputeRunner(storage: Storage, index: PopulationIndex, nowMs: () => number, options: Omit<RecomputeOptions, 'nowMs'> = {}): RecomputeRunner {
  const running = new Map<string, Promise<RecomputeSummary>>();
  return {
    run(projectId) {
      let run = running.get(projectId);
      if (!run) {
        run = recomputeProject(storage, projectId, { ...options, nowMs: nowMs() }).finally(() => {
          running.delete(projectId);
          index.invalidate(projectId);
        });
        running.set(projectId, run);
      }
      return run;
    },
  };
}
