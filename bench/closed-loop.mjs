// A closed-loop HTTP/1.1 load generator on raw keep-alive sockets, for benches whose server shares the machine's
// 2 cores with its client: each request is one prebuilt buffer written in one call, and an answer is read only as
// far as its status line and Content-Length, so the client's own CPU stays small (autocannon parses every answer
// and rebuilds every request in JavaScript). Latency is measured here, at the client, from write to whole answer.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Runs `connections` sockets for `durationSec`; socket `slot` writes `request(n, slot)` (a whole HTTP/1.1 request, n
 * counting up across all sockets) as soon as its previous answer is complete. Answers must carry Content-Length.
 * A socket that fails, or waits 10 s for an answer, ends its loop and counts in `errors`.
 * @returns {Promise<{ requests: number, latenciesMs: number[], statuses: Map<number, number>, errors: number }>}
 */
export function closedLoop({ url, connections, durationSec, request }) {
  const { hostname, port } = new URL(url);
  const latenciesMs = [];
  const statuses = new Map();
  let next = 0;
  let errors = 0;
  const endAt = performance.now() + durationSec * 1000;
  const one = (slot) => new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port), noDelay: true });
    let pending = Buffer.alloc(0);
    let sentAt = 0;
    const send = () => {
      if (performance.now() >= endAt) return socket.end();
      sentAt = performance.now();
      socket.write(request(next++, slot));
    };
    socket.once('connect', send);
    // A failed or silent socket ends its loop (counted), so a run always stops by itself.
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('error', () => errors++);
    socket.on('close', () => resolve());
    socket.on('data', (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const headEnd = pending.indexOf(HEAD_END);
      if (headEnd < 0) return;
      const head = pending.toString('latin1', 0, headEnd);
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (pending.length < headEnd + 4 + length) return;
      latenciesMs.push(performance.now() - sentAt);
      const status = Number(head.slice(9, 12));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      pending = pending.subarray(headEnd + 4 + length);
      send();
    });
  });
  return Promise.all(Array.from({ length: connections }, (_, slot) => one(slot))).then(() => ({ requests: latenciesMs.length, latenciesMs, statuses, errors }));
}

/** The `p` quantile (0..1) of ascending `sorted` samples: the sample at index floor(n * p), the last for p = 1. */
export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/**
 * Requests from one template: `POST path` with `headers` and `body`, in which every `__N__` becomes the request's
 * number, zero-padded to 9 digits. Each socket slot reuses one buffer, rewriting only those digits: its previous
 * write is complete once its answer has arrived, so no request is serialised or encoded during the run.
 */
export function templateRequests({ url, path, headers, body }) {
  const { host } = new URL(url);
  const WIDTH = 9;
  const parts = body.split('__N__');
  const filled = parts.join('0'.repeat(WIDTH));
  const head = [`POST ${path} HTTP/1.1`, `Host: ${host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${Buffer.byteLength(filled)}`, '', ''].join('\r\n');
  const template = Buffer.from(head + filled);
  const offsets = [];
  for (let at = Buffer.byteLength(head), i = 0; i < parts.length - 1; i++) {
    at += Buffer.byteLength(parts[i]);
    offsets.push(at);
    at += WIDTH;
  }
  const buffers = [];
  return (n, slot) => {
    const buffer = (buffers[slot] ??= Buffer.from(template));
    const digits = String(n).padStart(WIDTH, '0');
    if (digits.length > WIDTH) throw new Error(`request number ${n} is wider than ${WIDTH} digits`);
    for (const at of offsets) buffer.write(digits, at, 'latin1');
    return buffer;
  };
}

/** CPU seconds (user + system) used so far by process `pid` (Linux /proc; undefined elsewhere). */
export function cpuSecOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/**
 * The URL a server started as a child process prints in its `listening` JSON log line (the collector CLI; the status
 * bench's hello-world prints the same); rejects if the child exits first.
 */
export function listeningUrl(child) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"url":"([^"]+)"/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}
