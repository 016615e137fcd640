/** Starts the BUILT collector CLI on a temporary SQLite file for end-to-end tests, and reads its database. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const COLLECTOR_CLI = join(ROOT, 'packages/collector/dist/node/cli.js');
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 15_000;

// better-sqlite3 is the collector's dependency; resolve it from there rather than adding it to test/.
const requireFromCollector = createRequire(join(ROOT, 'packages/collector/package.json'));

export interface StartedCollector {
  /** `http://127.0.0.1:<port>` */
  url: string;
  writeKey: string;
  secretKey: string;
  dbPath: string;
  /** The child process's pid (for crash tests). */
  pid: number;
  /** Everything the process printed so far (JSON log lines). */
  logs(): string;
  /** The exit code once exited (null while running or when killed by a signal). */
  exitCode(): number | null;
  /** SIGTERM and wait for the graceful exit. */
  stop(): Promise<void>;
  /** SIGKILL (a crash) and wait for the exit. */
  kill(): Promise<void>;
}

export interface StartCollectorOptions {
  /** Reuse a database (e.g. after `kill()`); default: a new file in a fresh temp dir. */
  dbPath?: string;
  /** Extra environment variables (override the defaults below). */
  env?: Record<string, string>;
}

const tempDirs: string[] = [];
process.once('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Defaults: fresh keys via WAYMARK_WRITE_KEY / WAYMARK_SECRET_KEY, any CORS origin (`*`), rate limits off,
 * port 0 (a free port, read from the "listening" log line), host 127.0.0.1.
 */
export async function startCollector(opts: StartCollectorOptions = {}): Promise<StartedCollector> {
  if (!existsSync(COLLECTOR_CLI)) throw new Error(`${COLLECTOR_CLI} is missing: run \`pnpm -r build\` first`);
  let dbPath = opts.dbPath;
  if (!dbPath) {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-collector-'));
    tempDirs.push(dir);
    dbPath = join(dir, 'waymark.db');
  }
  const writeKey = opts.env?.WAYMARK_WRITE_KEY ?? `wk_test_${randomBytes(9).toString('hex')}`;
  const secretKey = opts.env?.WAYMARK_SECRET_KEY ?? `sk_test_${randomBytes(9).toString('hex')}`;
  const env = {
    ...process.env,
    WAYMARK_WRITE_KEY: writeKey,
    WAYMARK_SECRET_KEY: secretKey,
    WAYMARK_CORS_ORIGINS: '*',
    WAYMARK_KEY_RPS: '0',
    WAYMARK_IP_RPS: '0',
    WAYMARK_HOST: '127.0.0.1',
    ...opts.env,
  };
  const child = spawn(process.execPath, [COLLECTOR_CLI, 'serve', '--port', '0', '--db', dbPath], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`collector did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = () => {
      const m = /"msg":"listening","url":"([^"]+)"/.exec(output);
      if (m) done(m[1]!);
    };
    const onExit = (code: number | null) => fail(new Error(`collector exited (${code}) before listening:\n${output}`));
    function done(u: string) {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      resolve(u);
    }
    function fail(e: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    }
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });

  return {
    url,
    writeKey,
    secretKey,
    dbPath,
    pid: child.pid!,
    logs: () => output,
    exitCode: () => child.exitCode,
    stop: () => signal(child, 'SIGTERM', exited),
    kill: () => signal(child, 'SIGKILL', exited),
  };
}

async function signal(child: ChildProcess, sig: NodeJS.Signals, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(sig);
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

export interface StoredEventRow {
  messageId: string;
  type: string;
  userId: string | null;
  anonymousId: string | null;
  /** Event name (track) or page/screen name. */
  name: string | null;
  /** Skew-corrected event time, ISO. */
  timestamp: string;
  /** The device's timestamp as sent. */
  originalTimestamp: string | null;
  receivedAt: string;
  /** The stored event (JSON parsed). */
  payload: Record<string, unknown>;
}

type Db = { prepare(sql: string): { all(...a: unknown[]): unknown[]; get(...a: unknown[]): unknown }; close(): void };
const openDb = (dbPath: string): Db => {
  const Database = requireFromCollector('better-sqlite3') as new (p: string, o?: { readonly?: boolean; fileMustExist?: boolean }) => Db;
  return new Database(dbPath, { readonly: true, fileMustExist: true });
};

/** Every stored event, in insertion order (read-only; safe while the collector runs). */
export function queryEvents(dbPath: string, projectId?: string): StoredEventRow[] {
  const db = openDb(dbPath);
  try {
    const rows = db
      .prepare(`SELECT message_id, type, user_id, anonymous_id, name, timestamp_ms, original_timestamp, received_at_ms, payload
        FROM events ${projectId ? 'WHERE project_id = ?' : ''} ORDER BY seq`)
      .all(...(projectId ? [projectId] : [])) as Array<Record<string, string | number | null>>;
    return rows.map((r) => ({
      messageId: r.message_id as string,
      type: r.type as string,
      userId: r.user_id as string | null,
      anonymousId: r.anonymous_id as string | null,
      name: r.name as string | null,
      timestamp: new Date(r.timestamp_ms as number).toISOString(),
      originalTimestamp: r.original_timestamp as string | null,
      receivedAt: new Date(r.received_at_ms as number).toISOString(),
      payload: JSON.parse(r.payload as string) as Record<string, unknown>,
    }));
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` result ("ok" when the file is sound). */
export function integrityCheck(dbPath: string): string {
  const db = openDb(dbPath);
  try {
    return ((db.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>).map((r) => r.integrity_check)).join('; ');
  } finally {
    db.close();
  }
}

/** The stored profile row for a user (`u:<id>`) or anonymous id (`a:<id>`), facts parsed. */
export function queryProfile(dbPath: string, profileKey: string): { facts: unknown; version: number } | undefined {
  const db = openDb(dbPath);
  try {
    const row = db.prepare('SELECT facts, version FROM profiles WHERE profile_key = ?').get(profileKey) as { facts: string; version: number } | undefined;
    return row ? { facts: JSON.parse(row.facts) as unknown, version: row.version } : undefined;
  } finally {
    db.close();
  }
}
