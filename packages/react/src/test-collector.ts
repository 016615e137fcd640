/** A collector in a fetch stub for the binding's unit tests: batches accepted and recorded, no snapshot, no config. */
import { emptyFacts, type WireEvent } from '@waymark/core';
import { vi } from 'vitest';

export function stubCollector(): { events: WireEvent[] } {
  const events: WireEvent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (url.pathname === '/v1/status') return json({ facts: emptyFacts(), segments: ['power-users'], asOf: new Date().toISOString() });
      if (url.pathname === '/v1/config') return json({ error: 'not_found' }, 404);
      const batch = (JSON.parse(String(init?.body)) as { batch: WireEvent[] }).batch;
      events.push(...batch);
      return json({ accepted: batch.length, duplicates: [], rejected: [] });
    }),
  );
  return { events };
}

let n = 0;
/** Options for a fresh project (its own IndexedDB database and localStorage keys): a checklist and a banner nudge. */
export const freshOptions = () => ({
  writeKey: `wk_react_${++n}_${Math.random().toString(36).slice(2)}`,
  // Sessions and identity are per origin under a prefix: a fresh one is a fresh visitor.
  storagePrefix: `react-test-${n}`,
  host: 'http://collector.test',
  flushIntervalMs: 3_600_000,
  checklists: [{ id: 'setup', steps: [{ id: 'a', event: 'A' }, { id: 'b', event: 'B' }] }],
  nudges: [{ id: 'do-b', placement: 'banner', segment: { checklist: 'setup', step: 'b', done: false }, content: { title: 'Do B' } }],
});
