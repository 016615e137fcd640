/**
 * Transport adapter: `fetch` with a CORS-simple text/plain body (no preflight), `keepalive` when the page
 * goes away (like sendBeacon, but the answer can still be read if the page survives).
 */
import type { Transport, TransportResponse } from '../ports.js';

/** `Retry-After` in ms (delay in seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | undefined {
  const ms = value ? (isNaN(+value) ? Date.parse(value) - nowMs : +value * 1000) : NaN;
  return ms >= 0 ? ms : ms < 0 ? 0 : undefined;
}

/** `fetch` aborted after `timeoutMs`, and the answer's JSON body (undefined when it has none or is not JSON). */
export async function fetchJson(url: string, init: RequestInit, timeoutMs: number): Promise<[Response, unknown]> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout?.(timeoutMs) });
  return [response, await response.json().catch(() => undefined)];
}

/** Requests that hang longer than `timeoutMs` are aborted and count as network errors. */
export function createFetchTransport(timeoutMs = 30_000): Transport {
  return {
    async send(url, body, keepalive): Promise<TransportResponse> {
      const [response, parsed] = await fetchJson(url, { method: 'POST', body, keepalive, headers: { 'Content-Type': 'text/plain' } }, timeoutMs);
      const retryAfterMs = parseRetryAfterMs(response.headers.get('Retry-After'), Date.now());
      return { status: response.status, body: parsed, ...(retryAfterMs !== undefined && { retryAfterMs }) };
    },
  };
}
