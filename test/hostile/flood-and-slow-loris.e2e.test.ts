/**
 * Hostile connections against the BUILT collector CLI with its default rate limits (100 requests/s per address,
 * 1,000 per write key) and a short request timeout (`--request-timeout`, here 2 s instead of 30 s, so the test need
 * not wait the production bound): a flood from one address, slow-loris bodies and heads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEvents, startCollector, type StartedCollector } from '../support/collector.js';
import { expectHandled, expectValidDatabase, rssMiB, Tally } from './hostile-checks.js';
import { send, slowLoris, type RawRequest } from './raw-http.js';

const REQUEST_TIMEOUT_MS = 2_000;
const RSS_BOUND_MIB = 64;
const NOTHING = /^\b$/; // no secrets seeded here

describe('a flood and slow clients against the collector CLI on its default rate limits', () => {
  let c: StartedCollector;
  let rssBefore = 0;
  let seq = 0;
  const tally = new Tally();
  const batch = (): RawRequest => ({
    method: 'POST', path: '/v1/batch', headers: { authorization: `Basic ${btoa(`${c.writeKey}:`)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ batch: [{ type: 'track', event: 'Flood', anonymousId: 'flooder', messageId: `f-${seq++}`, timestamp: new Date().toISOString() }] }),
  });

  beforeAll(async () => {
    // '' unsets the harness's "rate limits off": the CLI's defaults apply.
    c = await startCollector({ env: { WAYMARK_KEY_RPS: '', WAYMARK_IP_RPS: '', WAYMARK_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) } });
    rssBefore = rssMiB(c.pid);
  });
  afterAll(async () => {
    console.log(`flood and slow loris: answers per class\n${tally.render()}`);
    await c?.stop();
  });

  it('answers a flood from one address with 429 + Retry-After, stores exactly what it accepted, and serves other addresses', async () => {
    const statuses: number[] = [];
    let accepted = 0;
    // Mostly cheap requests (no key: refused with 401 after the address limit) between real ones, on keep-alive
    // connections, until 50 were refused for the rate (or 3,000 sent): faster than 100/s even on a busy machine.
    const cheap: RawRequest = { method: 'POST', path: '/v1/batch', headers: { 'content-type': 'application/json' }, body: '{"batch":[]}' };
    let refused = 0;
    const worker = async () => {
      for (let i = 0; refused < 50 && statuses.length < 3_000; i++) {
        const real = i % 10 === 0;
        const res = await send(c.url, real ? batch() : cheap, '127.0.0.2');
        tally.add('flood', res.status);
        expectHandled(res, real ? [200, 429] : [401, 429], NOTHING, 'flood');
        if (res.status === 429) {
          refused++;
          expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        } else if (real) accepted += (JSON.parse(res.text) as { accepted: number }).accepted;
        statuses.push(res.status);
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: 12 }, worker));
    const elapsedS = (Date.now() - started) / 1000;
    const passed = statuses.filter((s) => s !== 429).length;
    console.log(`flood: ${statuses.length} requests from one address in ${elapsedS.toFixed(1)} s, ${passed} served, ${statuses.length - passed} refused (429)`);
    // The limit (burst 200, then 100/s) holds: what was served fits in it, and the rest was refused.
    expect(passed).toBeLessThanOrEqual(200 + Math.ceil(100 * elapsedS) + 1);
    expect(refused).toBeGreaterThanOrEqual(50);
    // Another address is served at once; the flooding one again after its Retry-After.
    const other = await send(c.url, batch(), '127.0.0.3');
    tally.add('flood', other.status);
    expect(other.status).toBe(200);
    accepted += 1;
    await new Promise((r) => setTimeout(r, 1_100));
    const again = await send(c.url, batch(), '127.0.0.2');
    tally.add('flood', again.status);
    expect(again.status).toBe(200);
    accepted += 1;
    expect(queryEvents(c.dbPath).filter((e) => e.messageId.startsWith('f-'))).toHaveLength(accepted);
  }, 40_000);

  it('closes slow-loris bodies and heads after the request timeout while serving other clients meanwhile', async () => {
    const bodies = Array.from({ length: 10 }, () => slowLoris(c.url, c.writeKey, 150));
    const heads = Array.from({ length: 10 }, () => slowLoris(c.url, c.writeKey, 150, 'head'));
    try {
      // Other clients, meanwhile: each answered well within the timeout.
      for (let i = 0; i < 10; i++) {
        const t0 = Date.now();
        const res = await send(c.url, batch(), '127.0.0.4');
        tally.add('slow-loris', res.status);
        expect(res.status).toBe(200);
        expect(Date.now() - t0).toBeLessThan(REQUEST_TIMEOUT_MS);
        await new Promise((r) => setTimeout(r, 50));
      }
      const closedAfter = await Promise.all([...bodies, ...heads].map((s) => s.closed));
      for (const { ms, status } of closedAfter) {
        tally.add('slow-loris', status);
        expect([0, 408]).toContain(status); // Node answers 408 when it can, else just closes
        // Closed by the server (not by us) after the timeout, within the sweep interval plus slack.
        expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
        expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 4_000);
      }
      expect([...bodies, ...heads].every((s) => s.bytesSent() > 5)).toBe(true);
    } finally {
      for (const s of [...bodies, ...heads]) s.stop();
    }
  }, 20_000);

  it('stays up and sound afterwards: health, valid rows, RSS bounded', async () => {
    expect(c.exitCode()).toBeNull();
    expect((await send(c.url, { method: 'GET', path: '/healthz' })).status).toBe(200);
    expectValidDatabase(c.dbPath);
    const rssAfter = rssMiB(c.pid);
    console.log(`flood and slow loris: collector RSS ${rssBefore.toFixed(0)} MiB before, ${rssAfter.toFixed(0)} MiB after (bound +${RSS_BOUND_MIB} MiB)`);
    expect(rssAfter - rssBefore).toBeLessThan(RSS_BOUND_MIB);
  });
});
