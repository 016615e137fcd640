/** `WAYMARK_*` bindings → the collector's config and project seeds, through the CLI's own (pure) parser. */
import type { Context } from 'hono';
import type { CollectorConfig } from '../config.js';
import { createJsonLogger, type Logger } from '../ops/logger.js';
import { collectorConfigOf } from '../setup/collector-config-of.js';
import { parseArgs, type ProjectSeed } from '../setup/parse-args.js';
import type { WorkerEnv } from './worker-env.js';

export type WorkerSettings = { ok: true; config: CollectorConfig; projects: ProjectSeed[]; logger: Logger } | { ok: false; reason: string };

/** The bindings that are strings: Workers pass `vars` and secrets as strings (JSON vars as values: stringified). */
function stringVars(env: WorkerEnv): Record<string, string | undefined> {
  const vars: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('WAYMARK_') || value === undefined || value === null || typeof value === 'object') continue;
    vars[name] = String(value);
  }
  // Only the CLI reads these; a Worker has no file system, port or database path.
  for (const name of ['WAYMARK_CONFIG', 'WAYMARK_PORT', 'WAYMARK_HOST', 'WAYMARK_DB', 'WAYMARK_SYNCHRONOUS', 'WAYMARK_TRUST_PROXY',
    'WAYMARK_REQUEST_TIMEOUT_MS']) delete vars[name];
  return vars;
}

export function workerSettings(env: WorkerEnv): WorkerSettings {
  const parsed = parseArgs(['serve'], stringVars(env), () => {
    throw new Error('no config file on Workers');
  });
  if (parsed.command !== 'serve') return { ok: false, reason: parsed.command === 'error' ? parsed.message : 'unexpected help' };
  const { options } = parsed;
  const logger = createJsonLogger((line) => console.log(line), options.logLevel);
  return {
    ok: true,
    logger,
    projects: options.projects,
    config: {
      ...collectorConfigOf(options),
      logger,
      // Cloudflare sets CF-Connecting-IP on every request that reaches a Worker (the client's address).
      clientIp: (c: Context) => c.req.header('cf-connecting-ip'),
    },
  };
}
