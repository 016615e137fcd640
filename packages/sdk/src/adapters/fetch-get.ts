/** A JSON GET over `fetch` for the status layer (config and server snapshot); bypasses the HTTP cache so ETags are ours. */

export interface FetchGetResponse {
  status: number;
  etag?: string;
  body?: unknown;
}

/**
 * Creates a GET function. Rejects on network failure or after `timeoutMs`; never sends cookies.
 * @param timeoutMs abort the request after this long. @default 10000
 */
export function createFetchGet(timeoutMs = 10_000) {
  return async (url: string, headers: Record<string, string>): Promise<FetchGetResponse> => {
    if (typeof fetch !== 'function') throw new Error('fetch is not available');
    const abort = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timer = abort ? setTimeout(() => abort.abort(), timeoutMs) : undefined;
    try {
      const res = await fetch(url, {
        method: 'GET',
        headers,
        credentials: 'omit',
        cache: 'no-store',
        ...(abort ? { signal: abort.signal } : {}),
      });
      const etag = res.headers.get('etag') ?? undefined;
      let body: unknown;
      if (res.status !== 204 && res.status !== 304 && (res.headers.get('content-type') ?? '').includes('json')) {
        body = await res.json().catch(() => undefined);
      }
      return { status: res.status, ...(etag ? { etag } : {}), ...(body !== undefined ? { body } : {}) };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  };
}
