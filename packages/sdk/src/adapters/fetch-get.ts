/** A JSON GET over `fetch` for the status layer (config and server snapshot); bypasses the HTTP cache so ETags are ours. */

export interface FetchGetResponse {
  status: number;
  etag?: string;
  body?: unknown;
}

/**
 * Creates a GET function. Rejects on network failure (or where there is no `fetch`) or after `timeoutMs`;
 * never sends cookies. A body is parsed only when the answer says it is JSON.
 * @param timeoutMs abort the request after this long. @default 10000
 */
export function createFetchGet(timeoutMs = 10_000) {
  return async (url: string, headers: Record<string, string>): Promise<FetchGetResponse> => {
    const res = await fetch(url, { method: 'GET', headers, credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout?.(timeoutMs) });
    const etag = res.headers.get('etag');
    const body: unknown = /json/.test(res.headers.get('content-type') ?? '') ? await res.json().catch(() => undefined) : undefined;
    return { status: res.status, ...(etag && { etag }), ...(body !== undefined && { body }) };
  };
}
