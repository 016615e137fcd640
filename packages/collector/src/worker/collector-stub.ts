/** The stub of the Durable Object that serves this deployment. */
import type { WorkerEnv } from './worker-env.js';

/** The object's name when `WAYMARK_OBJECT_NAME` is not set. */
const DEFAULT_OBJECT_NAME = 'default';

export function collectorStub(env: WorkerEnv) {
  return env.WAYMARK_COLLECTOR.get(env.WAYMARK_COLLECTOR.idFromName(env.WAYMARK_OBJECT_NAME || DEFAULT_OBJECT_NAME));
}
