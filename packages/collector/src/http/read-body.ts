/** Reads a request body with a byte cap, before and after gzip, so oversize input never reaches JSON.parse. */

export type BodyResult = { ok: true; text: string } | { ok: false; status: 400 | 413 | 415; reason: string };

/** Reads at most `maxBytes` (compressed and decompressed) and decodes strict UTF-8. */
export async function readBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) return tooLarge(maxBytes);
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
  let stream: ReadableStream<Uint8Array> = request.body;
  if (encoding === 'gzip') stream = stream.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        void reader.cancel().catch(() => {});
        return tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400, reason: encoding === 'gzip' ? 'invalid gzip body' : 'unreadable body' };
  }
  return decode(chunks.length === 1 ? chunks[0]! : concat(chunks, total));
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
