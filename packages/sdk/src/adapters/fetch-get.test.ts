import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFetchGet } from './fetch-get.js';

afterEach(() => void vi.unstubAllGlobals());

describe('createFetchGet', () => {
  it('GETs without cookies or the HTTP cache and parses a JSON answer with its ETag', async () => {
    const fetchStub = vi.fn(async () => new Response('{"a":1}', { status: 200, headers: { 'content-type': 'application/json', etag: '"v1"' } }));
    vi.stubGlobal('fetch', fetchStub);
    const res = await createFetchGet()('http://c.test/v1/config', { 'if-none-match': '"v0"' });
    expect(res).toEqual({ status: 200, etag: '"v1"', body: { a: 1 } });
    const init = (fetchStub.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect([init.method, init.credentials, init.cache, init.headers]).toEqual(['GET', 'omit', 'no-store', { 'if-none-match': '"v0"' }]);
  });

  it.each([
    ['a 304', new Response(null, { status: 304, headers: { etag: '"v1"' } }), { status: 304, etag: '"v1"' }],
    ['a non-JSON error page', new Response('<h1>502</h1>', { status: 502, headers: { 'content-type': 'text/html' } }), { status: 502 }],
    ['broken JSON', new Response('{', { status: 200, headers: { 'content-type': 'application/json' } }), { status: 200 }],
  ])('answers %s without a body', async (_n, response, expected) => {
    vi.stubGlobal('fetch', async () => response);
    expect(await createFetchGet()('http://c.test/x', {})).toEqual(expected);
  });

  it('rejects when the request fails or takes longer than the timeout', async () => {
    vi.stubGlobal('fetch', async () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(createFetchGet()('http://c.test/x', {})).rejects.toThrow('Failed to fetch');
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
    await expect(createFetchGet(5)('http://c.test/x', {})).rejects.toThrow('aborted');
  });
});
