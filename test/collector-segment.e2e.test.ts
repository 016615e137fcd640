/** An unmodified @segment/analytics-node client sends to the real collector CLI; every event is stored once. */
import { createHmac } from 'node:crypto';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEvents, startCollector, type StartedCollector } from './support/collector.js';

describe('collector CLI ← @segment/analytics-node', () => {
  let c: StartedCollector;
  beforeAll(async () => {
    c = await startCollector();
  });
  afterAll(async () => c?.stop());

  it('stores every event the client sends, of every type, and links the identity', async () => {
    const analytics = new Analytics({ writeKey: c.writeKey, host: c.url, flushAt: 15, flushInterval: 200, maxRetries: 3 });
    const sent: string[] = [];
    const statuses: number[] = [];
    analytics.on('http_request', (req) => {
      for (const e of (JSON.parse(req.body) as { batch: Array<{ messageId: string }> }).batch) sent.push(e.messageId);
    });
    analytics.on('http_response', (res) => statuses.push(res.status));
    const errors: unknown[] = [];
    analytics.on('error', (e) => errors.push(e));

    for (let i = 0; i < 40; i++) analytics.track({ anonymousId: 'anon-seg', event: 'Viewed Item', properties: { i, price: i * 1.5, tags: ['a', 'b'] } });
    analytics.page({ anonymousId: 'anon-seg', name: 'Pricing', properties: { path: '/pricing' } });
    analytics.screen({ anonymousId: 'anon-seg', name: 'Home' });
    analytics.identify({ anonymousId: 'anon-seg', userId: 'seg-user', traits: { email: 'x@example.com', plan: 'pro' } });
    analytics.group({ userId: 'seg-user', groupId: 'acme', traits: { size: 10 } });
    analytics.alias({ userId: 'seg-user', previousId: 'legacy-id' });
    for (let i = 0; i < 10; i++) analytics.track({ userId: 'seg-user', event: 'Order Completed', properties: { revenue: 10 } });
    await analytics.closeAndFlush({ timeout: 20_000 });

    expect(errors).toEqual([]);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(sent).toHaveLength(55);
    const stored = queryEvents(c.dbPath);
    expect(stored.map((e) => e.messageId).sort()).toEqual([...new Set(sent)].sort());
    expect(new Set(stored.map((e) => e.type))).toEqual(new Set(['track', 'page', 'screen', 'identify', 'group', 'alias']));

    // The 43 anonymous events before identify count for the user, with the 12 after it (read as the app's backend
    // would let its page read them: identity verification is on by default).
    const userHash = createHmac('sha256', c.secretKey).update('seg-user').digest('hex');
    const res = await fetch(`${c.url}/v1/status?userId=seg-user&userHash=${userHash}`, { headers: { authorization: `Basic ${btoa(`${c.writeKey}:`)}` } });
    const body = (await res.json()) as { facts: { src: Record<string, { c: Record<string, number> }> }; status: { status: string } };
    const total = Object.values(body.facts.src).reduce((n, s) => n + (s.c.events ?? 0), 0);
    expect(total).toBe(55);
    expect(body.status.status).toBe('new');
  });
});
