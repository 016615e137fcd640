import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityCheck, queryEvents, startCollector, type StartedCollector } from './support/collector.js';

describe('collector CLI smoke', () => {
  let c: StartedCollector;
  beforeAll(async () => {
    c = await startCollector();
  });
  afterAll(async () => c?.stop());

  it('stores a batch sent with Basic auth and answers with what it stored', async () => {
    const now = new Date().toISOString();
    const res = await fetch(`${c.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${c.writeKey}:`)}` },
      body: JSON.stringify({ batch: [{ type: 'track', event: 'E', messageId: 's1', anonymousId: 'a', timestamp: now }], sentAt: now }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: [], rejected: [] });
    expect(queryEvents(c.dbPath).map((e) => e.messageId)).toEqual(['s1']);
  });

  it('stops gracefully and leaves a sound database', async () => {
    await c.stop();
    expect(integrityCheck(c.dbPath)).toBe('ok');
    expect(queryEvents(c.dbPath)).toHaveLength(1);
  });
});
