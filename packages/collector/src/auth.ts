/** Key extraction and checks shared by every route: write keys ingest and read status, secret keys administer. */
import type { Context, MiddlewareHandler } from 'hono';
import type { Project, Storage } from './storage/storage.js';

export type AppEnv = { Variables: { project: Project } };

/** The user name of an HTTP Basic `Authorization` header (Segment puts the write key there). */
export function basicAuthUser(header: string | null | undefined): string | undefined {
  if (!header || !/^basic /i.test(header)) return undefined;
  try {
    const decoded = atob(header.slice(6).trim());
    const user = decoded.split(':')[0];
    return user || undefined;
  } catch {
    return undefined;
  }
}

/** A `Bearer` token, for callers that prefer it to Basic. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header || !/^bearer /i.test(header)) return undefined;
  return header.slice(7).trim() || undefined;
}

/** The key presented in the Authorization header, Basic or Bearer. */
export function presentedKey(c: Context): string | undefined {
  const header = c.req.header('authorization');
  return basicAuthUser(header) ?? bearerToken(header);
}

/** Looks a write key up; a secret key is refused here (403) so the two kinds are never interchangeable. */
export async function projectForWriteKey(
  storage: Pick<Storage, 'findProjectByWriteKey' | 'findProjectBySecretKey'>,
  key: string | undefined,
): Promise<{ project: Project } | { status: 401 | 403; reason: string }> {
  if (!key) return { status: 401, reason: 'missing write key (HTTP Basic user or writeKey in the body)' };
  const project = await storage.findProjectByWriteKey(key);
  if (project) return { project };
  if (await storage.findProjectBySecretKey(key)) return { status: 403, reason: 'a secret key cannot be used to send events; use the write key' };
  return { status: 401, reason: 'unknown write key' };
}

/** Middleware for admin routes: the project's secret key, never a write key. */
export function requireSecretKey(storage: Pick<Storage, 'findProjectByWriteKey' | 'findProjectBySecretKey'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = presentedKey(c);
    if (!key) return c.json({ error: 'unauthorized', reason: 'missing secret key' }, 401);
    const project = await storage.findProjectBySecretKey(key);
    if (!project) {
      const isWriteKey = (await storage.findProjectByWriteKey(key)) !== null;
      return isWriteKey
        ? c.json({ error: 'forbidden', reason: 'a write key cannot reach admin routes' }, 403)
        : c.json({ error: 'unauthorized', reason: 'unknown secret key' }, 401);
    }
    c.set('project', project);
    await next();
  };
}

/** hex HMAC-SHA256(secretKey, userId): what the app's backend gives the SDK for identity verification. */
export async function userHash(secretKey: string, userId: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secretKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(userId)));
  return Array.from(sig, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Constant-time comparison of the presented hash with the expected one (hex, case-insensitive). */
function sameHash(expected: string, presented: string): boolean {
  const given = presented.toLowerCase();
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
}

/** True when `presented` is `userHash(secretKey, userId)`. */
export async function verifyUserHash(secretKey: string, userId: string, presented: string | undefined): Promise<boolean> {
  if (!presented) return false;
  return sameHash(await userHash(secretKey, userId), presented);
}

export type UserHashVerifier = (secretKey: string, userId: string, presented: string | undefined) => Promise<boolean>;

/**
 * `verifyUserHash` that remembers the expected hashes of recent (secret key, user) pairs, so a user's repeated
 * status reads cost one HMAC, not one each. Same answers; a rotated secret key is a different pair.
 * @param maxEntries forgotten all at once when full. @default 10_000
 */
export function createUserHashVerifier(maxEntries = 10_000): UserHashVerifier {
  const expected = new Map<string, string>();
  return async (secretKey, userId, presented) => {
    if (!presented) return false;
    const k = `${secretKey}\u0000${userId}`;
    let hash = expected.get(k);
    if (hash === undefined) {
      hash = await userHash(secretKey, userId);
      if (expected.size >= maxEntries) expected.clear();
      expected.set(k, hash);
    }
    return sameHash(hash, presented);
  };
}
