/** Options of `createApp`, each with its default. */
import type { Context } from 'hono';
import type { IpMode } from './ingest/ip-policy.js';
import { silentLogger, type Logger } from './ops/logger.js';
import { createMetrics, type Metrics } from './ops/metrics.js';
import type { RateLimit } from './ops/token-bucket.js';
import type { FactsReducer } from './storage/storage.js';

const DAY_MS = 86_400_000;

export interface CollectorConfig {
  /** Clock. @default Date.now */
  nowMs?: () => number;
  /** @default silentLogger (the Node entry logs JSON lines to stdout) */
  logger?: Logger;
  /** @default createMetrics() */
  metrics?: Metrics;
  /** Requests per write key; `false` disables. @default { ratePerSec: 1000, burst: 2000 } */
  keyRateLimit?: RateLimit | false;
  /** Requests per client IP; `false` disables. @default { ratePerSec: 100, burst: 200 } */
  ipRateLimit?: RateLimit | false;
  /** What is stored of the client IP: nothing, a /24 (/48) prefix, or a salted hash. @default 'none' */
  ipMode?: IpMode;
  /** Salt for `ipMode: 'hashed'`. @default '' */
  ipSalt?: string;
  /** The client address (the Node entry passes the socket's). @default X-Forwarded-For when trustProxy, else none */
  clientIp?: (c: Context) => string | undefined;
  /** Trust the first X-Forwarded-For address (behind a reverse proxy). @default false */
  trustProxy?: boolean;
  /** Oldest accepted event time (after skew correction), before receipt. @default 365 days */
  maxEventAgeMs?: number;
  /** Latest accepted event time (after skew correction), after receipt. @default 1 day */
  maxEventAheadMs?: number;
  /** The facts algebra folded into profiles. @default core's reduceFacts / mergeFacts / emptyFacts */
  facts?: FactsReducer;
}

export type ResolvedConfig = Required<Omit<CollectorConfig, 'clientIp' | 'facts'>> & Pick<CollectorConfig, 'clientIp'>;

export function resolveConfig(config: CollectorConfig = {}): ResolvedConfig {
  return {
    nowMs: config.nowMs ?? Date.now,
    logger: config.logger ?? silentLogger,
    metrics: config.metrics ?? createMetrics(),
    keyRateLimit: config.keyRateLimit ?? { ratePerSec: 1000, burst: 2000 },
    ipRateLimit: config.ipRateLimit ?? { ratePerSec: 100, burst: 200 },
    ipMode: config.ipMode ?? 'none',
    ipSalt: config.ipSalt ?? '',
    clientIp: config.clientIp,
    trustProxy: config.trustProxy ?? false,
    maxEventAgeMs: config.maxEventAgeMs ?? 365 * DAY_MS,
    maxEventAheadMs: config.maxEventAheadMs ?? DAY_MS,
  };
}

/** The client address per the config: the entry's reader, else X-Forwarded-For behind a trusted proxy. */
export function clientIpOf(c: Context, config: ResolvedConfig): string | undefined {
  if (config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return config.clientIp?.(c);
}
