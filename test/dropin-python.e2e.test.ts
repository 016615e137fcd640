/** Segment's own Python library (analytics-python 2.3.4, vendored unmodified) sends to the collector CLI, as a backend would. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    // The first upload reaches the collector, which stores it, but is answered 503: the library must send the same
    // batch again, and the collector store it once.
    proxy = await startFaultProxy(collector.url, { kind: 'lose-answer', status: 503, path: /^\/v1\/batch$/ });
  });
  afterAll(async () => {
    await proxy?.close();
    await collector?.stop();
  });

  it('stores every event once (writeKey in the body, a batch resent after a lost answer) and the user\'s status is readable', async () => {
    const userId = 'py-user';
    const anonymousId = 'py-anon';
    const { stdout } = await run(PYTHON, [SENDER, proxy.url, collector.writeKey, userId, anonymousId], { timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({ errors: [] });

    const calls = 9;
    const events = await exportedEvents(collector, userId);
    expect(events).toHaveLength(calls);
    expect(new Set(events.map((e) => e.messageId)).size).toBe(calls);
    expect(events.map((e) => e.type).sort()).toEqual(['alias', 'group', 'identify', 'page', 'screen', 'track', 'track', 'track', 'track']);
    expect(events.find((e) => e.event === 'Order Completed')).toMatchObject({ userId, properties: { revenue: 10 }, context: { library: { name: 'analytics-python' } } });

    // The lost upload's events went again, as they were: the collector reported them as duplicates the second time.
    const [lost, ...later] = proxy.batches();
    expect(lost).toMatchObject({ answerLost: true, status: 503, response: { accepted: expect.any(Number) } });
    expect(lost!.messageIds.length).toBeGreaterThan(0);
    const duplicates = later.flatMap((r) => r.response?.duplicates ?? []);
    expect(duplicates.sort()).toEqual(lost!.messageIds.sort());
    expect([...proxy.acknowledged().keys()].sort()).toEqual(events.map((e) => e.messageId as string).sort());

    expect((await readStatus(collector, { anonymousId })).code).toBe(200);
    const byUser = await readStatus(collector, { userId, userHash: userHashOf(collector.secretKey, userId) });
    expect(byUser.code).toBe(200);
    expect(eventsCounted(byUser.body)).toBe(calls);
  });
});
