/** Segment's own Python library (analytics-python 2.3.4, vendored unmodified) sends to the collector CLI, as a backend would. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/browser.js';
import { startCollector, type StartedCollector } from './support/collector.js';
import { eventsCounted, exportedEvents, readStatus, userHashOf } from './support/dropin-harness.js';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js';

// Debian's python, where scripts/setup.sh installs the library's dependencies (requests, dateutil, backoff, jwt).
const PYTHON = process.env.WAYMARK_PYTHON ?? '/usr/bin/python3';
const SENDER = fileURLToPath(new URL('./support/segment-python-send.py', import.meta.url));
const run = promisify(execFile);

describe('Segment analytics-python → the collector CLI', () => {
  let collector: StartedCollector;
  let proxy: FaultProxy;
  beforeAll(async () => {
    const deps = await run(PYTHON, ['-c', 'import requests, dateutil, backoff, jwt'])
      .then(() => '', (e: { stderr?: string }) => e.stderr ?? String(e));
    if (!existsSync(PYTHON) || deps) {
      throw new Error(`${PYTHON} with python3-requests, python3-dateutil, python3-backoff and python3-jwt is needed (scripts/setup.sh installs them as root): ${deps}`);
    }
    collector = await startCollector(); // secure defaults: status by userId needs the userHash
    // The first upload is answered 503 without reaching the collector: the library must send the same batch again.
    proxy = await startFaultProxy(collector.url, { kind: 'status', status: 503 });
  });
  afterAll(async () => {
    await proxy?.close();
    await collector?.stop();
  });

  it('stores every event once (writeKey in the body, a retry after a 503) and the user\'s status is readable', async () => {
    const userId = 'py-user';
    const anonymousId = 'py-anon';
    const sending = run(PYTHON, [SENDER, proxy.url, collector.writeKey, userId, anonymousId], { timeout: 60_000 });
    expect(await waitFor(() => proxy.requests.length > 0, 20_000)).toBe(true);
    proxy.set({ kind: 'pass' });
    const { stdout } = await sending;
    expect(JSON.parse(stdout)).toEqual({ errors: [] });

    const calls = 9;
    const events = await exportedEvents(collector, userId);
    expect(events).toHaveLength(calls);
    expect(new Set(events.map((e) => e.messageId)).size).toBe(calls);
    expect(events.map((e) => e.type).sort()).toEqual(['alias', 'group', 'identify', 'page', 'screen', 'track', 'track', 'track', 'track']);
    expect(events.find((e) => e.event === 'Order Completed')).toMatchObject({ userId, properties: { revenue: 10 }, context: { library: { name: 'analytics-python' } } });

    // The refused upload's events are among those the collector acknowledged later: the library resent them as they were.
    const refused = proxy.batches().filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    const acknowledged = proxy.acknowledged();
    const refusedIds = refused.flatMap((r) => r.messageIds);
    expect(refusedIds.length).toBeGreaterThan(0);
    for (const id of refusedIds) expect(acknowledged.has(id), id).toBe(true);
    expect([...acknowledged.keys()].sort()).toEqual(events.map((e) => e.messageId as string).sort());

    expect((await readStatus(collector, { anonymousId })).code).toBe(200);
    const byUser = await readStatus(collector, { userId, userHash: userHashOf(collector.secretKey, userId) });
    expect(byUser.code).toBe(200);
    expect(eventsCounted(byUser.body)).toBe(calls);
  });
});
