/** A raw HTTP client for hostile requests: any header (even a lying Content-Length), any bytes, any source address. */
import { Agent, request, type OutgoingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface RawRequest {
  method: string;
  /** Path and query, sent as given (not re-encoded). */
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Uint8Array;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const agents = new Map<string, Agent>();
/** Keep-alive connections from one source address (a flood needs the throughput). */
const agentFrom = (localAddress: string): Agent => {
  let agent = agents.get(localAddress);
  if (!agent) agents.set(localAddress, (agent = new Agent({ keepAlive: true, localAddress, maxSockets: 16 })));
  return agent;
};

/**
 * Sends one request: on a fresh connection, or from `localAddress` on that address's keep-alive connections.
 * @param localAddress the client's source address (any 127.x.y.z on Linux loopback). @default the system's choice
 */
export function send(baseUrl: string, req: RawRequest, localAddress?: string): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const r = request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers: req.headers, agent: localAddress ? agentFrom(localAddress) : false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.setTimeout(20_000, () => r.destroy(new Error(`no answer to ${req.method} ${req.path.slice(0, 80)} in 20 s`)));
    r.on('error', reject);
    r.end(req.body === undefined ? undefined : Buffer.from(req.body));
  });
}

/**
 * Uploads `total` bytes of body (declared in Content-Length) in `chunk`-byte writes `intervalMs` apart, whatever the
 * server answers meanwhile (as a browser's upload does), and settles once everything is written or the connection
 * fails: with the answer's status (0: none) and the socket error, if any.
 */
export function uploadInPieces(baseUrl: string, req: Omit<RawRequest, 'body'>, total: number, chunk: number, intervalMs: number): Promise<{ status: number; error?: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    let status = 0;
    let sent = 0;
    const r = request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers: { ...req.headers, 'content-length': String(total) }, agent: false }, (res) => {
      status = res.statusCode ?? 0;
      res.resume();
    });
    const timer = setInterval(() => {
      const n = Math.min(chunk, total - sent);
      sent += n;
      if (sent < total) r.write(Buffer.alloc(n, 0x20));
      else {
        clearInterval(timer);
        r.end(Buffer.alloc(n, 0x20), () => setTimeout(() => resolve({ status }), 200));
      }
    }, intervalMs);
    r.on('error', (e) => {
      clearInterval(timer);
      resolve({ status, error: e.message });
    });
    r.on('close', () => {
      clearInterval(timer);
      resolve(sent < total ? { status, error: `closed after ${sent} of ${total} bytes` } : { status });
    });
  });
}

/**
 * A slow-loris client: `body` announces 100 KB of body and dribbles it, `head` dribbles an endless header line;
 * one byte per `intervalMs`. `closed` settles when the server hangs up: after how long, with which status (0: none).
 */
export function slowLoris(baseUrl: string, writeKey: string, intervalMs: number, mode: 'body' | 'head' = 'body'): { closed: Promise<{ ms: number; status: number }>; stop(): void; bytesSent(): number } {
  const url = new URL(baseUrl);
  const socket: Socket = connect(Number(url.port), url.hostname);
  const startedAt = Date.now();
  let sent = 0;
  let answer = '';
  let timer: NodeJS.Timeout | undefined;
  socket.on('connect', () => {
    const head = `POST /v1/batch HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Basic ${btoa(`${writeKey}:`)}\r\nContent-Type: application/json\r\n`;
    socket.write(mode === 'body' ? `${head}Content-Length: 100000\r\n\r\n{` : `${head}X-Slow: `);
    timer = setInterval(() => {
      if (!socket.destroyed) socket.write(mode === 'body' ? ' ' : 'a', () => sent++);
    }, intervalMs);
  });
  socket.setEncoding('latin1').on('data', (d: string) => (answer += d));
  const closed = new Promise<{ ms: number; status: number }>((resolve) => {
    socket.once('close', () => {
      clearInterval(timer);
      resolve({ ms: Date.now() - startedAt, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0) });
    });
    socket.on('error', () => {});
  });
  return { closed, stop: () => socket.destroy(), bytesSent: () => sent };
}
