import { afterEach, describe, expect, it } from 'vitest';
import { createFixture, SECRET_KEY, track, type Fixture } from '../app.fixture.js';
import { storedEvent } from '../storage/storage.contract.js';
import { createStreamGaps } from './stream-gaps.js';

/** Event `seq` of tab `tab` on device stream `stream`, with the SDK's messageId form. */
const sdkEvent = (stream: string, tab: string, seq: number) =>
  storedEvent(`${tab}-${seq}`, { anonymousId: 'a1' }, { context: { streamId: stream, seq } });

describe('createStreamGaps', () => {
  it('counts per tab the events between the first and last stored, and those that never arrived', () => {
    const gaps = createStreamGaps();
    gaps.record('p', [1, 2, 3, 6].map((n) => sdkEvent('s1', 'tabA', n)), [], 1);
    gaps.record('p', [1, 2].map((n) => sdkEvent('s1', 'tabB', n)), [], 2);
    expect(gaps.totals().get('p')).toEqual({ sequences: 2, generated: 8, received: 6, missing: 2, withGaps: 1 });
    expect(gaps.sequences('p', true, 10)).toEqual([
      { projectId: 'p', streamId: 's1', tab: 'tabA', firstSeq: 1, lastSeq: 6, received: 4, missing: 2, lastSeenMs: 1 },
    ]);
    // The late events arrive (a retry after the later keepalive): the gap closes.
    gaps.record('p', [4, 5].map((n) => sdkEvent('s1', 'tabA', n)), [], 3);
    expect(gaps.totals().get('p')).toMatchObject({ generated: 8, received: 8, missing: 0, withGaps: 0 });
  });

  it('follows tabs interleaved within one batch, and ignores malformed numbering', () => {
    const gaps = createStreamGaps();
    const odd = [storedEvent('x-NaN', { anonymousId: 'a' }, { context: { streamId: 's1', seq: NaN } }), storedEvent('t-1-0', { anonymousId: 'a' }, { context: { streamId: 's1', seq: 0 } })];
    gaps.record('p', [sdkEvent('s1', 'A', 1), sdkEvent('s1', 'B', 1), sdkEvent('s1', 'A', 3), sdkEvent('s2', 'A', 1), ...odd], [], 1);
    expect(gaps.sequences('p', false, 10).map((s) => [s.streamId, s.tab, s.received, s.missing]).sort()).toEqual([
      ['s1', 'A', 2, 1],
      ['s1', 'B', 1, 0],
      ['s2', 'A', 1, 0],
    ]);
    expect(gaps.totals().get('p')).toEqual({ sequences: 3, generated: 5, received: 4, missing: 1, withGaps: 1 });
  });

  it('does not count duplicates again, nor events without the SDK numbering', () => {
    const gaps = createStreamGaps();
    gaps.record('p', [sdkEvent('s1', 't', 1), sdkEvent('s1', 't', 2)], [], 1);
    gaps.record('p', [sdkEvent('s1', 't', 2), sdkEvent('s1', 't', 3)], ['t-2'], 2);
    gaps.record('p', [storedEvent('order-42', { userId: 'u' }, { context: { streamId: 's1', seq: 4 } }), storedEvent('server-1', { userId: 'u' })], [], 3);
    expect(gaps.totals().get('p')).toEqual({ sequences: 1, generated: 3, received: 3, missing: 0, withGaps: 0 });
  });

  it('keeps at most maxSequences, least recently active evicted, their counts kept in the totals', () => {
    const gaps = createStreamGaps(2);
    gaps.record('p', [sdkEvent('s', 'old', 1), sdkEvent('s', 'old', 3)], [], 1);
    gaps.record('p', [sdkEvent('s', 'b', 1)], [], 2);
    gaps.record('p', [sdkEvent('s', 'c', 1)], [], 3);
    expect(gaps.sequences('p', false, 10).map((s) => s.tab).sort()).toEqual(['b', 'c']);
    expect(gaps.totals().get('p')).toMatchObject({ sequences: 3, missing: 1, received: 4 });
  });
});

describe('stream gaps in /metrics and GET /v1/admin/streams', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it('reports a tab whose seq 2 never arrived, per project, and only to the secret key', async () => {
    f = await createFixture('sqlite');
    const ev = (seq: number) => track(`tab1-${seq}`, { anonymousId: 'anon-1' }, { context: { streamId: 'dev-1', seq } });
    await f.post('/v1/batch', { batch: [ev(1), ev(3)] });
    await f.post('/v1/batch', { batch: [ev(3), ev(4)] });
    const text = await (await f.app.request('/metrics')).text();
    expect(text).toMatch(/waymark_stream_events_generated_total\{project="[^"]+"\} 4\n/);
    expect(text).toMatch(/waymark_stream_events_received_total\{project="[^"]+"\} 3\n/);
    expect(text).toMatch(/waymark_stream_events_missing\{project="[^"]+"\} 1\n/);
    const res = await f.admin('GET', '/v1/admin/streams', SECRET_KEY);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { totals: unknown; sequences: Array<Record<string, unknown>> };
    expect(body.totals).toEqual({ sequences: 1, generated: 4, received: 3, missing: 1, withGaps: 1 });
    expect(body.sequences).toEqual([
      { streamId: 'dev-1', tab: 'tab1', firstSeq: 1, lastSeq: 4, received: 3, missing: 1, lastSeenAt: expect.any(String) },
    ]);
    expect((await f.admin('GET', '/v1/admin/streams', 'wk_test')).status).toBe(403); // a write key is not a secret key
  });
});
