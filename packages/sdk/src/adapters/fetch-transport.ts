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

/** Requests that hang longer than `timeoutMs` are aborted and count as network errors. */
export function createFetchTransport(timeoutMs = 30_000): Transport {
  return {
    async send(url, body, keepalive): Promise<TransportResponse> {
      const response = await fetch(url, {
        method: 'POST',
        body,
        keepalive,
        headers: { 'Content-Type': 'text/plain' },
        signal: AbortSignal.timeout?.(timeoutMs),
      });
      const parsed: unknown = await response.json().catch(() => undefined);
      const retryAfterMs = parseRetryAfterMs(response.headers.get('Retry-After'), Date.now());
      return { status: response.status, body: parsed, ...(retryAfterMs !== undefined && { retryAfterMs }) };
    },
  };
}
