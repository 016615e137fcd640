/** Starts the collector on Node: SQLite (or PostgreSQL for a postgres:// --db), the Hono app on @hono/node-server, graceful shutdown. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../app.js';
import { createJsonLogger, type Logger } from '../ops/logger.js';
import { createMetrics } from '../ops/metrics.js';
import { collectorConfigOf } from '../setup/collector-config-of.js';
import { ensureProjects } from '../setup/ensure-projects.js';
import type { ServeOptions } from '../setup/parse-args.js';
import { isPostgresUrl, openStorage, redactedDb } from './open-storage.js';
import { createRecomputeScheduler } from './recompute-scheduler.js';

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, finishes in-flight requests, checkpoints and closes the database. */
  close(): Promise<void>;
}

const HEADERS_TIMEOUT_MS = 10_000;

const stdoutLogger = (level: ServeOptions['logLevel']): Logger => {
  // Logs must never take the collector down: a closed stdout (EPIPE) drops lines instead of crashing.
  process.stdout.on('error', () => {});
  return createJsonLogger((line) => process.stdout.write(`${line}\n`), level);
};

export async function startServer(options: ServeOptions, logger: Logger = stdoutLogger(options.logLevel)): Promise<RunningServer> {
  const metrics = createMetrics();
  const storage = await openStorage(options);
  await ensureProjects(storage, options.projects, logger);
  const app = createApp({
    storage,
    config: {
      ...collectorConfigOf(options),
      logger,
      metrics,
      clientIp: (c) => getConnInfo(c).remote.address,
    },
  });
  // A client that announces more body than it sends (slow loris) must not hold a socket for Node's default 5 minutes;
  // Node enforces both timeouts on a sweep (default every 30 s), so the sweep runs at a quarter of the head's bound.
  const requestTimeout = options.requestTimeoutMs;
  const headersTimeout = Math.min(HEADERS_TIMEOUT_MS, requestTimeout);
  const serverOptions = { requestTimeout, headersTimeout, connectionsCheckingInterval: Math.max(50, Math.floor(headersTimeout / 4)) };
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host, serverOptions }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  logger.info('listening', { url, port, db: redactedDb(options.db), synchronous: options.synchronous });
  // Population models on a schedule, in a worker thread (SQLite files only: a second connection cannot open :memory:,
  // and the PostgreSQL adapter has no results store yet).
  const recompute = options.recomputeIntervalMin > 0 && options.db !== ':memory:' && !isPostgresUrl(options.db)
    ? createRecomputeScheduler(options.db, options.recomputeIntervalMin * 60_000, logger) : undefined;

  let closing: Promise<void> | undefined;
  // While draining, every answer closes its connection, so busy keep-alive clients cannot hold the server open.
  server.on('request', (_req, res: { setHeader(name: string, value: string): void; headersSent?: boolean }) => {
    if (closing && !res.headersSent) res.setHeader('Connection', 'close');
  });
  return {
    url,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // close() stops accepting and waits for open connections; idle keep-alive ones are closed as they go idle.
        const idleSweep = setInterval(() => 'closeIdleConnections' in server && server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(idleSweep);
          resolve();
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }).then(async () => {
        await recompute?.close();
        await storage.close();
        logger.info('stopped', { db: redactedDb(options.db) });
      });
      return closing;
    },
  };
}
