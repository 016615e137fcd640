/** Retry delay policy: exponential backoff with equal jitter, never earlier than the server's `Retry-After`. */

export interface BackoffOptions {
  minRetryDelayMs: number;
  maxRetryDelayMs: number;
}

/** Longest `Retry-After` honoured as given (a day); longer values are clamped to it. */
export const MAX_RETRY_AFTER_MS = 86_400_000;

/**
 * Delay before retry number `attempt` (0 = first retry): `min * 2^attempt` capped at `max`, half of it
 * fixed and half random, so a crowd of clients spreads out; `retryAfterMs` is a floor.
 */
export function nextDelayMs(
  attempt: number,
  random: number,
  options: BackoffOptions,
  retryAfterMs?: number,
): number {
  const base = Math.min(options.maxRetryDelayMs, options.minRetryDelayMs * 2 ** Math.max(0, attempt));
  const jittered = Math.round(base / 2 + (random * base) / 2);
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}
