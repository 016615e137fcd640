// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { emptyFacts, reduceEvents } from '@waymark/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWaymark } from './create-waymark.js';

const checklists = [{ id: 'setup', steps: [{ id: 'a', event: 'A' }, { id: 'b', event: 'B' }] }];
const serverFacts = reduceEvents(emptyFacts(), [{ type: 'track', event: 'B', messageId: 's1', userId: 'u1', timestamp: new Date().toISOString(), context: { streamId: 'other' } }]);

/** A collector in a fetch stub: batches accepted, status from `serverFacts`, no config. */
function stubCollector() {
  const calls: { method: string; url: URL }[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ method: init?.method ?? 'GET', url });
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/v1/status') return json({ userId: url.searchParams.get('userId'), facts: url.searchParams.get('userId') === 'u1' ? serverFacts : emptyFacts(), segments: [], asOf: new Date().toISOString() });
    if (url.pathname === '/v1/config') return json({ error: 'not_found' }, 404);
    return json({ accepted: 1, duplicates: [], rejected: [] });
  });
  vi.stubGlobal('fetch', fetchStub);
  return calls;
}

let n = 0;
const options = () => ({ writeKey: `wk_${++n}`, host: 'http://collector.test', checklists, flushIntervalMs: 3_600_000 });

describe('createWaymark', () => {
  afterEach(() => void vi.unstubAllGlobals());

  it('is the tracker plus synchronous status reads updated by its events', async () => {
    stubCollector();
    const w = createWaymark(options());
    await w.ready();
    expect(w.onboarding('setup').done).toBe(0);
    w.track('A');
    expect(w.onboarding('setup')).toMatchObject({ done: 1, next: 'b' });
    expect(w.status().status).toBe('new');
    expect(typeof w.flush).toBe('function');
  });

  it('sends the identify signature with the status read and joins the user’s server facts', async () => {
    const calls = stubCollector();
    const w = createWaymark(options());
    await w.ready();
    w.track('A');
    const changed = new Promise<void>((resolve) => w.subscribe(() => w.onboarding('setup').done === 2 && resolve()));
    w.identify('u1', { plan: 'pro' }, { userHash: 'abc' });
    await changed;
    const read = calls.find((c) => c.url.pathname === '/v1/status' && c.url.searchParams.get('userId') === 'u1');
    expect(read?.url.searchParams.get('userHash')).toBe('abc');
    expect(w.user().userId).toBe('u1');
  });

  it('forgets the status state on optOut', async () => {
    stubCollector();
    const w = createWaymark(options());
    await w.ready();
    w.track('A');
    expect(w.onboarding('setup').done).toBe(1);
    w.optOut();
    await new Promise((r) => setTimeout(r, 0));
    expect(w.onboarding('setup').done).toBe(0);
  });
});
