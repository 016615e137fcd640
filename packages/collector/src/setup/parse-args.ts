/** CLI flags, environment variables and an optional JSON config file → server options (pure). */
import type { IpMode } from '../ingest/ip-policy.js';
import type { LogLevel } from '../ops/logger.js';
import { parseToolArgs, TOOL_USAGE, type ToolCommand } from './parse-tool-args.js';

export interface ProjectSeed {
  id?: string;
  name?: string;
  writeKey?: string;
  secretKey?: string;
  corsOrigins?: string[];
  identityVerification?: boolean;
}

export interface ServeOptions {
  /** @default 8787 (0 picks a free port) */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /** SQLite file path, or a `postgres://` URL for PostgreSQL. @default './waymark.db' */
  db: string;
  /** @default 'full' */
  synchronous: 'full' | 'normal';
  /** @default 'info' */
  logLevel: LogLevel;
  /** @default 'none' */
  ipMode: IpMode;
  /** @default '' */
  ipSalt: string;
  /** @default false */
  trustProxy: boolean;
  /** Requests per second per write key, 0 = unlimited. @default 1000 */
  keyRps: number;
  /** Requests per second per client IP, 0 = unlimited. @default 100 */
  ipRps: number;
  /** Longest a request (head and body) may take, in ms; the head alone gets at most 10 s. @default 30000 */
  requestTimeoutMs: number;
  /** Settings of the default project (env/flags) and further projects (config file). */
  projects: ProjectSeed[];
  /** Minutes between scheduled population recomputes (in a worker thread); 0 = never. @default 60 */
  recomputeIntervalMin: number;
  /**
   * PostgreSQL only: days a device tab's delivery-gap counts are kept after its last event (SQLite keeps the
   * counts in memory, bounded by number). @default 30
   */
  streamRetentionDays: number;
}

export type Command = { command: 'serve'; options: ServeOptions } | ToolCommand;

export const USAGE = `Usage: waymark-collector serve [options]${TOOL_USAGE}

Options (environment variable in brackets):
  --port <n>            port, 0 = any free port [WAYMARK_PORT]            (default 8787)
  --host <addr>         listen address [WAYMARK_HOST]                    (default 127.0.0.1)
  --db <path|url>       SQLite file, or postgres://user@host:5432/db [WAYMARK_DB] (default ./waymark.db)
  --config <path>       JSON config file [WAYMARK_CONFIG]
  --write-key <key>     default project's write key [WAYMARK_WRITE_KEY]   (default: generated once)
  --secret-key <key>    default project's secret key [WAYMARK_SECRET_KEY] (default: generated once)
  --cors-origins <list> comma-separated origins allowed in browsers, or * for any
                        [WAYMARK_CORS_ORIGINS]  (default: none, on a new project)
  --no-identity-verification  let the write key read any user's status by userId, without
                        userHash [WAYMARK_IDENTITY_VERIFICATION=0]  (default: verification on)
  --ip-mode <mode>      none | truncated | hashed [WAYMARK_IP_MODE]       (default none)
  --ip-salt <salt>      salt for hashed IPs [WAYMARK_IP_SALT]
  --trust-proxy         use X-Forwarded-For [WAYMARK_TRUST_PROXY=1]
  --key-rps <n>         requests/s per write key, 0 = off [WAYMARK_KEY_RPS] (default 1000)
  --ip-rps <n>          requests/s per client IP, 0 = off [WAYMARK_IP_RPS]  (default 100)
  --request-timeout <ms>  longest a request may take, headers at most 10 s
                        [WAYMARK_REQUEST_TIMEOUT_MS]                      (default 30000)
  --synchronous <mode>  full | normal [WAYMARK_SYNCHRONOUS]               (default full)
  --log-level <level>   debug | info | warn | error [WAYMARK_LOG_LEVEL]   (default info)
  --recompute-interval <min>  population models every <min> minutes, 0 = off
                        [WAYMARK_RECOMPUTE_INTERVAL]  (default 60)
  --stream-retention <days>  PostgreSQL: keep a tab's delivery-gap counts this long after
                        its last event [WAYMARK_STREAM_RETENTION_DAYS]  (default 30)

Other commands: waymark-collector recompute --db <path> [--project <id>] [--json]
`;

const FLAG_ENV: Record<string, string> = {
  port: 'WAYMARK_PORT', host: 'WAYMARK_HOST', db: 'WAYMARK_DB', config: 'WAYMARK_CONFIG', 'write-key': 'WAYMARK_WRITE_KEY',
  'secret-key': 'WAYMARK_SECRET_KEY', 'cors-origins': 'WAYMARK_CORS_ORIGINS', 'identity-verification': 'WAYMARK_IDENTITY_VERIFICATION',
  'ip-mode': 'WAYMARK_IP_MODE', 'ip-salt': 'WAYMARK_IP_SALT', 'trust-proxy': 'WAYMARK_TRUST_PROXY', 'key-rps': 'WAYMARK_KEY_RPS',
  'ip-rps': 'WAYMARK_IP_RPS', 'request-timeout': 'WAYMARK_REQUEST_TIMEOUT_MS', synchronous: 'WAYMARK_SYNCHRONOUS', 'log-level': 'WAYMARK_LOG_LEVEL',
  'recompute-interval': 'WAYMARK_RECOMPUTE_INTERVAL', 'stream-retention': 'WAYMARK_STREAM_RETENTION_DAYS',
};
const BOOLEAN_FLAGS = new Set(['identity-verification', 'trust-proxy']);

/**
 * Precedence: flag > environment variable > config file > default.
 * @param readFile reads the config file (injected so this stays pure).
 */
export function parseArgs(argv: string[], env: Record<string, string | undefined>, readFile: (path: string) => string): Command {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === 'churn-model' || command === 'import') return parseToolArgs(command, rest, env);
  if (command !== 'serve') return { command: 'error', message: `unknown command ${command}` };
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--help' || arg === '-h') return { command: 'help' };
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    // `--no-<boolean flag>` turns it off explicitly.
    const negated = m && m[2] === undefined && m[1]!.startsWith('no-') && BOOLEAN_FLAGS.has(m[1]!.slice(3)) ? m[1]!.slice(3) : undefined;
    if (negated) {
      flags[negated] = '0';
      continue;
    }
    if (!m || !(m[1]! in FLAG_ENV)) return { command: 'error', message: `unknown option ${arg}` };
    const name = m[1]!;
    if (m[2] !== undefined) flags[name] = m[2];
    else if (BOOLEAN_FLAGS.has(name)) flags[name] = '1';
    else if (i + 1 < rest.length) flags[name] = rest[++i]!;
    else return { command: 'error', message: `option --${name} needs a value` };
  }
  const get = (name: string): string | undefined => flags[name] ?? (env[FLAG_ENV[name]!] || undefined);

  let file: Record<string, unknown> = {};
  const configPath = get('config');
  if (configPath) {
    try {
      file = JSON.parse(readFile(configPath)) as Record<string, unknown>;
    } catch (error) {
      return { command: 'error', message: `cannot read config file ${configPath}: ${String(error)}` };
    }
  }
  const pick = (name: string, key: string): string | undefined => get(name) ?? (file[key] !== undefined ? String(file[key]) : undefined);
  const num = (name: string, key: string, dflt: number): number | string => {
    const v = pick(name, key);
    if (v === undefined) return dflt;
    const n = Number(v);
    return Number.isFinite(n) && n >= 0 ? n : `--${name} must be a non-negative number`;
  };
  const truthy = (v: string | undefined) => v === '1' || v === 'true' || v === 'yes';
  const port = num('port', 'port', 8787);
  const keyRps = num('key-rps', 'keyRps', 1000);
  const ipRps = num('ip-rps', 'ipRps', 100);
  const requestTimeoutMs = num('request-timeout', 'requestTimeoutMs', 30_000);
  if (requestTimeoutMs === 0) return { command: 'error', message: '--request-timeout must be above 0' };
  const recomputeIntervalMin = num('recompute-interval', 'recomputeInterval', 60);
  const streamRetentionDays = num('stream-retention', 'streamRetentionDays', 30);
  if (streamRetentionDays === 0) return { command: 'error', message: '--stream-retention must be above 0' };
  for (const v of [port, keyRps, ipRps, requestTimeoutMs, recomputeIntervalMin, streamRetentionDays]) if (typeof v === 'string') return { command: 'error', message: v };
  const ipMode = pick('ip-mode', 'ipMode') ?? 'none';
  if (!['none', 'truncated', 'hashed'].includes(ipMode)) return { command: 'error', message: '--ip-mode must be none, truncated or hashed' };
  const synchronous = pick('synchronous', 'synchronous') ?? 'full';
  if (synchronous !== 'full' && synchronous !== 'normal') return { command: 'error', message: '--synchronous must be full or normal' };
  const logLevel = pick('log-level', 'logLevel') ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) return { command: 'error', message: '--log-level must be debug, info, warn or error' };

  const seed: ProjectSeed = { id: 'default', name: 'Default' };
  const writeKey = get('write-key');
  const secretKey = get('secret-key');
  const origins = get('cors-origins');
  if (writeKey) seed.writeKey = writeKey;
  if (secretKey) seed.secretKey = secretKey;
  if (origins) seed.corsOrigins = origins.split(',').map((o) => o.trim()).filter(Boolean);
  if (get('identity-verification') !== undefined) seed.identityVerification = truthy(get('identity-verification'));
  const fileProjects = Array.isArray(file.projects) ? (file.projects as ProjectSeed[]) : [];
  const projects = fileProjects.some((p) => (p.id ?? 'default') === 'default')
    ? fileProjects.map((p) => ((p.id ?? 'default') === 'default' ? { ...p, ...seed, id: 'default' } : p))
    : [seed, ...fileProjects];

  return {
    command: 'serve',
    options: {
      port: port as number, host: pick('host', 'host') ?? '127.0.0.1', db: pick('db', 'db') ?? './waymark.db',
      synchronous, logLevel: logLevel as LogLevel, ipMode: ipMode as IpMode, ipSalt: pick('ip-salt', 'ipSalt') ?? '',
      trustProxy: truthy(pick('trust-proxy', 'trustProxy')), keyRps: keyRps as number, ipRps: ipRps as number,
      requestTimeoutMs: requestTimeoutMs as number, projects,
      recomputeIntervalMin: recomputeIntervalMin as number, streamRetentionDays: streamRetentionDays as number,
    },
  };
}
