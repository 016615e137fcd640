/** The secret-key API, read with the key kept in sessionStorage (sent as a bearer token, never in a URL). */

export const KEY_STORAGE = 'waymark.dashboard.key';

/** A non-2xx answer: `status` and the collector's `reason`. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
/** 404 (route not there) or 409/425-style "not computed" answers mean the model has no result yet. */
export const isNotComputed = (e: unknown): boolean => isApiError(e) && (e.status === 404 || e.status === 409 || e.status === 425);

export const readKey = (): string | null => sessionStorage.getItem(KEY_STORAGE);
export const storeKey = (key: string): void => sessionStorage.setItem(KEY_STORAGE, key);
export const forgetKey = (): void => sessionStorage.removeItem(KEY_STORAGE);

export type Query = Record<string, string | number | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** GET a JSON answer; throws an `ApiError` with the collector's reason on any non-2xx. */
export async function api<T>(path: string, query?: Query): Promise<T> {
  const res = await fetch(withQuery(path, query), { headers: { authorization: `Bearer ${readKey() ?? ''}`, accept: 'application/json' }, cache: 'no-store' });
  const body = (await res.json().catch(() => ({}))) as { reason?: string; error?: string };
  if (!res.ok) throw new ApiError(res.status, body.reason ?? body.error ?? `HTTP ${res.status}`);
  return body as T;
}
