/** An HTTP proxy on 127.0.0.1 that puts faults (down, 5xx, 429 + Retry-After, a lost answer) in front of the real collector, and logs what passed. */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * `pass` forwards; `down` drops the connection (a network error); `status` answers without forwarding; `slow`
 * forwards (the collector stores the batch) but answers `delayMs` later (longer than the SDK's request timeout:
 * an answer the device never sees); `flaky` answers 500 to every other request and forwards the rest;
 * `lose-answer` forwards the next POST whose path matches `path` (the collector stores it) but answers it `status`
 * with the collector's headers and body, as when the answer is lost on the way back, then the proxy passes again.
 */
export type FaultMode =
  | { kind: 'pass' }
  | { kind: 'down' }
  | { kind: 'status'; status: number; retryAfterSec?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'flaky' }
  | { kind: 'lose-answer'; status: number; path: RegExp };

export interface ProxiedRequest {
  atMs: number;
  method: string;
  path: string;
  /** What the proxy answered (0 = connection dropped). */
  status: number;
  /** `messageId`s of the batch in the body (or of the one event), when it parsed. */
  messageIds: string[];
  /** The collector's answer, when forwarded. */
  response?: { accepted?: number; duplicates?: string[]; rejected?: unknown[] };
  /** Forwarded, but answered otherwise (`lose-answer`). */
  answerLost?: true;
}

export interface FaultProxy {
  url: string;
  set(mode: FaultMode): void;
  /** Every request, in arrival order. */
  requests: ProxiedRequest[];
  /** The event uploads among them (`POST /v1/batch`), leaving out e.g. the status layer's GETs. */
  batches(): ProxiedRequest[];
  /** Forwards to another collector address from now on (a collector restarted on a new port). */
  retarget(url: string): void;
  /** messageIds that the collector acknowledged (2xx), with the number of times each was. */
  acknowledged(): Map<string, number>;
  close(): Promise<void>;
}

const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Retry-After' };

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });

function idsOf(body: Buffer): string[] {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { batch?: Array<{ messageId?: string }>; messageId?: string };
    if (Array.isArray(parsed.batch)) return parsed.batch.map((e) => String(e.messageId));
    return parsed.messageId ? [parsed.messageId] : []; // a single-event route (/v1/track, /v1/t, …)
  } catch {
    return [];
  }
}

export async function startFaultProxy(targetUrl: string, initial: FaultMode = { kind: 'pass' }): Promise<FaultProxy> {
  let mode = initial;
  let flakyCount = 0;
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  let target = new URL(targetUrl);
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const entry: ProxiedRequest = { atMs: Date.now(), method: req.method ?? '', path: req.url ?? '', status: 0, messageIds: idsOf(body) };
    requests.push(entry);
    const current: FaultMode = mode.kind === 'flaky' && flakyCount++ % 2 === 0 ? { kind: 'status', status: 500 } : mode;
    if (current.kind === 'down') {
      req.socket.destroy();
      return;
    }
    if (current.kind === 'status') {
      entry.status = current.status;
      res.writeHead(current.status, {
        ...CORS,
        'content-type': 'application/json',
        ...(current.retryAfterSec !== undefined && { 'retry-after': String(current.retryAfterSec) }),
      });
      res.end(JSON.stringify({ error: 'injected fault' }));
      return;
    }
    const lose = current.kind === 'lose-answer' && req.method === 'POST' && current.path.test(new URL(req.url ?? '/', 'http://x').pathname) ? current : undefined;
    if (lose) {
      mode = { kind: 'pass' };
      entry.answerLost = true; // now, so that no one waiting for the resend sees this request as answered meanwhile
    }
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      async (up) => {
        const answer = await readBody(up);
        entry.status = lose?.status ?? up.statusCode ?? 0;
        try {
          entry.response = JSON.parse(answer.toString('utf8')) as ProxiedRequest['response'];
        } catch {
          entry.response = undefined;
        }
        const reply = () => {
          res.writeHead(lose?.status ?? up.statusCode ?? 502, up.headers);
          res.end(answer);
        };
        if (current.kind === 'slow') setTimeout(reply, current.delayMs);
        else reply();
      },
    );
    upstream.on('error', () => req.socket.destroy());
    upstream.end(body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    set: (m) => void (mode = m),
    retarget: (url) => void (target = new URL(url)),
    requests,
    batches: () => requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/batch')),
    acknowledged() {
      const counts = new Map<string, number>();
      for (const r of requests) if (r.status >= 200 && r.status < 300) for (const id of r.messageIds) counts.set(id, (counts.get(id) ?? 0) + 1);
      return counts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
