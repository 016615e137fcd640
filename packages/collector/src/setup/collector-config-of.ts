/** Server options (flags / environment variables) → the runtime-agnostic part of `createApp`'s config; shared by the Node and Worker entries. */
import type { CollectorConfig } from '../config.js';
import type { ServeOptions } from './parse-args.js';

export function collectorConfigOf(options: Pick<ServeOptions, 'ipMode' | 'ipSalt' | 'trustProxy' | 'keyRps' | 'ipRps'>): CollectorConfig {
  return {
    ipMode: options.ipMode,
    ipSalt: options.ipSalt,
    trustProxy: options.trustProxy,
    keyRateLimit: options.keyRps > 0 ? { ratePerSec: options.keyRps, burst: options.keyRps * 2 } : false,
    ipRateLimit: options.ipRps > 0 ? { ratePerSec: options.ipRps, burst: options.ipRps * 2 } : false,
  };
}
