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

  it('refuses a body over the cap with 413, by its Content-Length, without parsing it', async () => {
    const r = await readJsonBody(new Request('http://x/', { method: 'PUT', body: 'x'.repeat(101) }), 100);
    expect(r).toMatchObject({ ok: false, status: 413 });
  });

  it('stops keeping a streamed body at the cap: 413, and of a 64 MiB body it reads at most the cap and 8 MiB to drop', async () => {
    const { request, pulled } = streamed(1024, 64 * 1024);
    const r = await readJsonBody(request, 256 * 1024);
    expect(r).toMatchObject({ ok: false, status: 413 });
    expect(pulled() * 64 * 1024).toBeLessThan(256 * 1024 + 8 * 1024 * 1024 + 4 * 64 * 1024);
  });

  it('reads a refused body to its end before answering (so the client sees the 413, not a reset), when it is not huge', async () => {
    const small = streamed(40, 64 * 1024); // 2.5 MiB against a 256 KiB cap
    expect(await readJsonBody(small.request, 256 * 1024)).toMatchObject({ ok: false, status: 413 });
    expect(small.pulled()).toBe(41); // every chunk, then the end
    const declared = new Request('http://x/', { method: 'PUT', body: 'x'.repeat(300 * 1024) });
    expect(await readJsonBody(declared, 256 * 1024)).toMatchObject({ ok: false, status: 413 });
    expect(declared.bodyUsed).toBe(true);
  });

  it('says why it cannot parse: not JSON, not UTF-8', async () => {
    expect(await readJsonBody(new Request('http://x/', { method: 'PUT', body: '{' }), 100)).toMatchObject({ ok: false, status: 400, reason: 'body must be JSON' });
    expect(await readJsonBody(new Request('http://x/', { method: 'PUT', body: new Uint8Array([0x22, 0xff, 0x22]) }), 100)).toMatchObject({ ok: false, status: 400 });
  });
});
