import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, createFixture, track, type Fixture } from '../app.fixture.js';

describe.each(ADAPTERS)('healthz and metrics (%s storage)', (adapter) => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it('healthz proves the write path and says 503 when it fails', async () => {
    f = await createFixture(adapter);
    expect(await (await f.app.request('/healthz')).json()).toEqual({ ok: true });
    f.storage.checkWrite = async () => {
      throw new Error('readonly database');
    };
    const res = await f.app.request('/healthz');
    expect(res.status).toBe(503);
  });

  it('exposes accepted, rejected and duplicate counters and the batch latency histogram', async () => {
    f = await createFixture(adapter);
    await f.post('/v1/batch', { batch: [track('m1'), track('m1'), { type: 'nope' }] });
    const text = await (await f.app.request('/metrics')).text();
    expect(text).toContain('waymark_events_accepted_total 1');
    expect(text).toContain('waymark_events_rejected_total 1');
    expect(text).toContain('waymark_events_duplicate_total 1');
    expect(text).toContain('waymark_ingest_requests_total{code="200"} 1');
    expect(text).toMatch(/waymark_batch_duration_seconds_count 1\n/);
  });
});

describe('privacy: the client IP', () => {
  let f: Fixture;
  afterEach(async () => f?.close());
  const ipsStored = () => f.db!.prepare('SELECT ip FROM events ORDER BY seq').pluck().all();

  it('is not stored by default, even when the client reports it in context.ip', async () => {
    f = await createFixture('sqlite', { clientIp: () => '203.0.113.77' });
    await f.post('/v1/batch', { batch: [track('i1', undefined, { context: { ip: '203.0.113.77' } })] });
    expect(ipsStored()).toEqual([null]);
    expect(f.db!.prepare('SELECT payload FROM events').pluck().get()).not.toContain('203.0.113');
  });

  it('is kept truncated or salted-hashed when the operator opts in', async () => {
    f = await createFixture('sqlite', { clientIp: () => '203.0.113.77', ipMode: 'truncated' });
    await f.post('/v1/batch', { batch: [track('i2')] });
    expect(ipsStored()).toEqual(['203.0.113.0']);
    await f.close();
    f = await createFixture('sqlite', { clientIp: () => '203.0.113.77', ipMode: 'hashed', ipSalt: 'pepper' });
    await f.post('/v1/batch', { batch: [track('i3')] });
    expect(ipsStored()[0]).toMatch(/^[0-9a-f]{64}$/);
  });
});
