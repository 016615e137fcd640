/** Test fixture: a collector app over each storage adapter, with helpers to send and read through app.request(). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createApp } from './app.js';
import type { CollectorConfig } from './config.js';
import { createSqliteStorage } from './node/sqlite-storage.js';
import { createMemoryStorage } from './storage/memory-storage.js';
import type { Storage } from './storage/storage.js';

export const WRITE_KEY = 'wk_test';
export const SECRET_KEY = 'sk_test';
export const NOW_MS = Date.UTC(2026, 10, 25, 12, 0, 0);
export const iso = (ms: number): string => new Date(ms).toISOString();

export type AdapterName = 'memory' | 'sqlite';
export const ADAPTERS: AdapterName[] = ['memory', 'sqlite'];

export interface Fixture {
  app: ReturnType<typeof createApp>;
  storage: Storage;
  /** The SQLite handle (sqlite adapter only). */
  db?: import('better-sqlite3').Database;
  clock: { nowMs: number };
  post(path: string, body: unknown, init?: { headers?: Record<string, string>; raw?: boolean | 'gzip' }): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  admin(method: string, path: string, key?: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export const basic = (key: string): string => `Basic ${btoa(`${key}:`)}`;

export function track(messageId: string, who: Record<string, string> = { anonymousId: 'anon-1' }, extra: Record<string, unknown> = {}) {
  return { type: 'track', event: 'Clicked', messageId, timestamp: iso(NOW_MS - 1000), ...who, ...extra };
}

export async function createFixture(adapter: AdapterName, config: CollectorConfig = {}, projectExtra: { corsOrigins?: string[]; identityVerification?: boolean } = {}): Promise<Fixture> {
  let dir: string | undefined;
  let storage: Storage;
  let db: Fixture['db'];
  if (adapter === 'sqlite') {
    dir = mkdtempSync(join(tmpdir(), 'waymark-app-'));
    const s = createSqliteStorage({ path: join(dir, 'app.db'), synchronous: 'normal' });
    storage = s;
    db = s.db;
  } else storage = createMemoryStorage();
  // The route tests read by user id, so this project opts out of identity verification (on by default) unless
  // `projectExtra` says otherwise; secure-defaults.test.ts covers the defaults.
  await storage.createProject({ id: 'p1', name: 'Test', writeKey: WRITE_KEY, secretKey: SECRET_KEY, corsOrigins: ['https://app.example'], identityVerification: false, ...projectExtra });
  const clock = { nowMs: NOW_MS };
  const app = createApp({ storage, config: { nowMs: () => clock.nowMs, keyRateLimit: false, ipRateLimit: false, ...config } });
  return {
    app,
    storage,
    ...(db ? { db } : {}),
    clock,
    post(path, body, init = {}) {
      const text = init.raw === true ? (body as string) : JSON.stringify(body);
      const payload = init.raw === 'gzip' ? gzipSync(text) : text;
      const headers: Record<string, string> = { 'content-type': 'application/json', authorization: basic(WRITE_KEY), ...init.headers };
      if (init.raw === 'gzip') headers['content-encoding'] = 'gzip';
      return Promise.resolve(app.request(path, { method: 'POST', headers, body: payload }));
    },
    get(path, headers = {}) {
      return Promise.resolve(app.request(path, { headers: { authorization: basic(WRITE_KEY), ...headers } }));
    },
    admin(method, path, key = SECRET_KEY, body) {
      return Promise.resolve(app.request(path, { method, headers: { authorization: basic(key), 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
    },
    async close() {
      await storage.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** messageIds stored for the project, via the admin export of a user (works on every adapter). */
export async function exportedEvents(f: Fixture, userId: string): Promise<Array<Record<string, unknown>>> {
  const res = await f.admin('GET', `/v1/admin/users/${encodeURIComponent(userId)}/export`);
  const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { type: string; event?: Record<string, unknown> });
  return lines.filter((l) => l.type === 'event').map((l) => l.event!);
}
