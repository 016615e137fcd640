/** Fetches the project's configuration from `GET /v1/config`, revalidating the cached copy by ETag. */
import { isObject } from './is-object.js';
import { ifNoneMatch } from './snapshot-sync.js';
import type { HttpGet, StatusKeyValue } from './status-host.js';

export const CONFIG_KEY = 'waymark:status:config';

/** The collector's configuration as cached on the device. */
export interface CachedConfig {
  /** The project config (checklists, nudges, status rules, segments) as the collector serves it. */
  config: Record<string, unknown>;
  version?: number | undefined;
  etag?: string | undefined;
  /** When the collector last confirmed this copy (ms since epoch). */
  checkedAtMs: number;
}

export const parseCachedConfig = (value: unknown): CachedConfig | undefined =>
  isObject(value) && isObject(value.config) && typeof value.checkedAtMs === 'number' ? (value as unknown as CachedConfig) : undefined;

export interface ConfigSyncDeps {
  httpGet: HttpGet;
  kv: StatusKeyValue;
  apiHost: string;
  writeKey: string;
  now(): number;
}

/**
 * Asks the collector for the current config (conditional on the cached ETag) and stores what it says.
 * Resolves to the config to use: the new one, the revalidated cached one, or — offline, on an error,
 * or when the collector has no config route — the cached one unchanged (or `undefined` if none).
 */
export async function syncConfig(deps: ConfigSyncDeps, cached: CachedConfig | undefined): Promise<CachedConfig | undefined> {
  const url = `${deps.apiHost}/v1/config?writeKey=${encodeURIComponent(deps.writeKey)}`;
  const res = await deps.httpGet(url, ifNoneMatch(cached?.etag)).catch(() => undefined);
  const body = res?.body;
  let next: CachedConfig;
  if (res?.status === 304 && cached) next = { ...cached, checkedAtMs: deps.now() };
  else if (res?.status === 200 && isObject(body))
    next = {
      config: isObject(body.config) ? body.config : body,
      version: typeof body.version === 'number' ? body.version : undefined,
      etag: res.etag,
      checkedAtMs: deps.now(),
    };
  else return cached;
  await deps.kv.set(CONFIG_KEY, next).catch(() => undefined);
  return next;
}
