/** A JSON GET over `fetch` for the status layer (config and server snapshot); bypasses the HTTP cache so ETags are ours. */
import { fetchJson } from './fetch-transport.js';

export interface FetchGetResponse {
  status: number;
  etag?: string;
  body?: unknown;
}

/**
 * Creates a GET function. Rejects on network failure (or where there is no `fetch`) or after `timeoutMs`;
 * never sends cookies. `body` is the answer parsed as JSON, absent when it is not JSON.
 * @param timeoutMs abort the request after this long. @default 10000
 */
export function createFetchGet(timeoutMs = 10_000) {
  return async (url: string, headers: Record<string, string>): Promise<FetchGetResponse> => {
    const [res, body] = await fetchJson(url, { method: 'GET', headers, credentials: 'omit', cache: 'no-store' }, timeoutMs);
    const etag = res.headers.get('etag');
    return { status: res.status, ...(etag && { etag }), ...(body !== undefined && { body }) };
  };
}
