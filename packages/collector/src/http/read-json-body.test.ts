import { describe, expect, it } from 'vitest';
import { readJsonBody } from './read-json-body.js';

/** A body streamed without Content-Length (chunked), `chunks` × `size` bytes; counts how many chunks were pulled. */
function streamed(chunks: number, size: number): { request: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  const request = new Request('http://x/v1/admin/config', { method: 'PUT', body, duplex: 'half' } as RequestInit);
  return { request, pulled: () => pulled };
}

describe('readJsonBody', () => {
  it('parses a JSON body under the cap', async () => {
    const r = await readJsonBody(new Request('http://x/', { method: 'PUT', body: '{"a":[1]}' }), 100);
    expect(r).toEqual({ ok: true, value: { a: [1] } });
  });

  it('refuses a body over the cap with 413, by its Content-Length, without reading it', async () => {
    const r = await readJsonBody(new Request('http://x/', { method: 'PUT', body: 'x'.repeat(101) }), 100);
    expect(r).toMatchObject({ ok: false, status: 413 });
  });

  it('stops reading a streamed body at the cap: 413 after about cap bytes, not the whole 64 MiB', async () => {
    const { request, pulled } = streamed(1024, 64 * 1024);
    const r = await readJsonBody(request, 256 * 1024);
    expect(r).toMatchObject({ ok: false, status: 413 });
    expect(pulled()).toBeLessThan(16);
  });

  it('says why it cannot parse: not JSON, not UTF-8', async () => {
    expect(await readJsonBody(new Request('http://x/', { method: 'PUT', body: '{' }), 100)).toMatchObject({ ok: false, status: 400, reason: 'body must be JSON' });
    expect(await readJsonBody(new Request('http://x/', { method: 'PUT', body: new Uint8Array([0x22, 0xff, 0x22]) }), 100)).toMatchObject({ ok: false, status: 400 });
  });
});
