import { describe, expect, it } from 'vitest';
import type { WaymarkError } from '../errors.js';
import { fetchSnapshot, reportRefusalOnce } from './snapshot-sync.js';
import { scriptedHttp } from './fake-host.js';

const deps = (route: Parameters<typeof scriptedHttp>[0]) => ({ httpGet: scriptedHttp(route), apiHost: 'http://c.test', writeKey: 'wk' });
const body = { userId: 'u1', facts: { v: 1 }, status: { status: 'active', reason: 'x' }, segments: ['champions', 3], asOf: '2026-11-25T10:00:00.000Z' };

describe('fetchSnapshot', () => {
  it('asks for the identified user with the identity-verification hash', async () => {
    const d = deps(() => ({ status: 200, etag: '"s1"', body }));
    const out = await fetchSnapshot(d, { anonymousId: 'a1', userId: 'u1' }, 'abc123', undefined);
    const q = d.httpGet.requests[0]!.url.searchParams;
    expect([q.get('writeKey'), q.get('userId'), q.get('userHash'), q.get('anonymousId')]).toEqual(['wk', 'u1', 'abc123', null]);
    expect(out).toEqual({ facts: { v: 1 }, segments: ['champions'], asOf: body.asOf, etag: '"s1"' });
  });

  it('asks for an anonymous visitor by anonymous id, without a hash', async () => {
    const d = deps(() => ({ status: 200, body }));
    await fetchSnapshot(d, { anonymousId: 'a1' }, 'ignored', undefined);
    const q = d.httpGet.requests[0]!.url.searchParams;
    expect([q.get('anonymousId'), q.get('userId'), q.get('userHash')]).toEqual(['a1', null, null]);
  });

  it('revalidates with the previous ETag', async () => {
    const d = deps(() => ({ status: 304 }));
    expect(await fetchSnapshot(d, { anonymousId: 'a' }, undefined, '"s1"')).toBeNull();
    expect(d.httpGet.requests[0]!.headers['if-none-match']).toBe('"s1"');
  });

  it.each([
    ['offline', () => Promise.reject(new TypeError('offline'))],
    ['refused (identity verification)', () => ({ status: 401, body: { error: 'userHash' } })],
    ['a body without facts', () => ({ status: 200, body: { nope: 1 } })],
  ])('reports failure (undefined) when %s', async (_n, route) => {
    const out = await fetchSnapshot(deps(route as Parameters<typeof scriptedHttp>[0]), { anonymousId: 'a' }, undefined, undefined);
    expect(out).toBeUndefined();
  });
});

describe('reportRefusalOnce', () => {
  it('reports a refused read once per user and code, with the collector\'s reason and what to do', async () => {
    const reported: WaymarkError[] = [];
    const refused = reportRefusalOnce((e) => void reported.push(e));
    const d = { ...deps(() => ({ status: 403, body: { error: 'forbidden', reason: 'identity verification is on' } })), refused };
    for (let i = 0; i < 3; i++) expect(await fetchSnapshot(d, { anonymousId: 'a', userId: 'alice' }, undefined, undefined)).toBeUndefined();
    await fetchSnapshot(d, { anonymousId: 'a', userId: 'bob' }, undefined, undefined);
    expect(reported.map((e) => [e.code, e.message])).toEqual([
      ['status', 'GET /v1/status 403: identity verification is on'],
      ['status', expect.stringContaining('403')],
    ]);
  });

  it('stays silent on a network failure (it is retried, not refused)', async () => {
    const reported: WaymarkError[] = [];
    const d = { ...deps(() => Promise.reject(new TypeError('offline'))), refused: reportRefusalOnce((e) => void reported.push(e)) };
    await fetchSnapshot(d, { anonymousId: 'a', userId: 'alice' }, undefined, undefined);
    expect(reported).toEqual([]);
  });
});
