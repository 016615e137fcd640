/** Fetches the project's configuration from `GET /v1/config`, revalidating the cached copy by ETag. */
import type { HttpGet, StatusKeyValue } from './status-host.js';

export const CONFIG_KEY = 'waymark:status:config';

/** The collector's configuration as cached on the device. */
export interface CachedConfig {
  /** The project config (checklists, nudges, status rules, segments) as the collector serves it. */
  config: Record<string, unknown>;
  version?: number;
  etag?: string;
  /** When the collector last confirmed this copy (ms since epoch). */
  checkedAtMs: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseCachedConfig(value: unknown): CachedConfig | undefined {
  if (!isObject(value) || !isObject(value.config) || typeof value.checkedAtMs !== 'number') return undefined;
  return value as unknown as CachedConfig;
}

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
  const headers: Record<string, string> = cached?.etag ? { 'if-none-match': cached.etag } : {};
  let res;
  try {
    res = await deps.httpGet(url, headers);
  } catch {
    return cached;
  }
  if (res.status === 304 && cached) {
    const fresh = { ...cached, checkedAtMs: deps.now() };
    await deps.kv.set(CONFIG_KEY, fresh).catch(() => undefined);
    return fresh;
  }
  if (res.status !== 200 || !isObject(res.body)) return cached;
  const body = res.body;
  const config = isObject(body.config) ? body.config : body;
  const next: CachedConfig = {
    config,
    ...(typeof body.version === 'number' ? { version: body.version } : {}),
    ...(res.etag ? { etag: res.etag } : {}),
    checkedAtMs: deps.now(),
  };
  await deps.kv.set(CONFIG_KEY, next).catch(() => undefined);
  return next;
}
