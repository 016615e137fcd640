/**
 * Reads a request body with a byte cap, before and after gzip, so oversize input never reaches JSON.parse.
 * An oversize body is read on and discarded (at most DISCARD_BYTES more, for at most DISCARD_MS) before the 413 goes
 * out: closing a connection with unread bytes makes the kernel send a reset, and a client still uploading then loses
 * the answer (EPIPE / ECONNRESET instead of the 413). nginx calls this a lingering close; past its bounds the
 * connection is dropped as before.
 */

export type BodyResult = { ok: true; text: string } | { ok: false; status: 400 | 413 | 415; reason: string };

/** Reads at most `maxBytes` (compressed and decompressed) and decodes strict UTF-8. */
export async function readBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    if (declared <= maxBytes + DISCARD_BYTES && request.body) await discard(request.body.getReader());
    return tooLarge(maxBytes);
  }
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') return { ok: false, status: 415, reason: `unsupported content-encoding ${encoding}` };
  if (encoding === 'identity' && Number.isFinite(declared)) {
    // A declared length bounds the read (HTTP framing), so the runtime's buffered fast path is safe here.
    // (`request.body` is not touched first: on @hono/node-server that would build a web stream for nothing.)
    if (declared === 0) return emptyBody();
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await request.arrayBuffer());
    } catch {
      return { ok: false, status: 400, reason: 'unreadable body' };
    }
    if (bytes.byteLength === 0) return emptyBody();
    return bytes.byteLength > maxBytes ? tooLarge(maxBytes) : decode(bytes);
  }
  if (!request.body) return emptyBody();
  // The wire is read through a pass-through whose cancel leaves it alone, so a refused body can still be drained.
  const wire = request.body.getReader();
  let stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await wire.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  if (encoding === 'gzip') stream = stream.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  let refusal: BodyResult | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        refusal = tooLarge(maxBytes);
        break;
      }
      chunks.push(value);
    }
  } catch {
    refusal = { ok: false, status: 400, reason: encoding === 'gzip' ? 'invalid gzip body' : 'unreadable body' };
  }
  if (refusal) {
    void reader.cancel().catch(() => {});
    await discard(wire);
    return refusal;
  }
  return decode(chunks.length === 1 ? chunks[0]! : concat(chunks, total));
}

/** How much more of a refused body is read and dropped so the client gets its 413. */
const DISCARD_BYTES = 8 * 1024 * 1024;
const DISCARD_MS = 2_000;

/** Reads and drops the rest of a body until it ends or fails, or DISCARD_BYTES or DISCARD_MS run out; then lets go of it. */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, DISCARD_MS, 'late')));
  try {
    for (let dropped = 0; dropped <= DISCARD_BYTES; ) {
      const next = await Promise.race([reader.read(), late]);
      if (next === 'late' || next.done) break;
      dropped += next.value.byteLength;
    }
  } catch {
    // a failing body is as good as a finished one here
  } finally {
    clearTimeout(timer);
    void reader.cancel().catch(() => {});
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array): BodyResult {
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, status: 400, reason: 'body is not valid UTF-8' };
  }
}

function emptyBody(): BodyResult {
  return { ok: false, status: 400, reason: 'empty body' };
}

function tooLarge(maxBytes: number): BodyResult {
  return { ok: false, status: 413, reason: `body larger than ${maxBytes} bytes` };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
