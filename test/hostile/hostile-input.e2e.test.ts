/**
 * Hostile input against the BUILT collector CLI on a real SQLite file, over HTTP: the fixed corpus (hostile-corpus.ts),
 * the Big List of Naughty Strings, and fast-check properties. Every answer is < 500, every refusal a 4xx with a reason,
 * nothing of another user or project comes back, and at the end the process is up, its RSS grew by less than
 * RSS_BOUND_MIB, `PRAGMA integrity_check` is ok and every stored row passes the collector's own wire schema.
 * Rate limits are off here (the flood case, with the CLI's defaults, is in flood-and-slow-loris.e2e.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryEvents, startCollector, type StartedCollector } from '../support/collector.js';
import { hostileBatchBody, hostileString, NAUGHTY } from './hostile-arbitraries.js';
import { expectHandled, expectValidDatabase, rssMiB, Tally } from './hostile-checks.js';
import { corpus, hmac, type Keys } from './hostile-corpus.js';
import { send, uploadInPieces, type RawRequest } from './raw-http.js';

/** The collector's RSS may grow by at most this much over the whole suite (measured: 45–60 MiB). */
const RSS_BOUND_MIB = 128;
const SECRETS = /alice@example\.com|Alice Liddell|pro-plan-secret/;
const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const ORIGIN = 'https://app.example';
const OTHER = { id: 'other', name: 'Other', writeKey: `wk_other_${randomBytes(6).toString('hex')}`, secretKey: `sk_other_${randomBytes(6).toString('hex')}`, corsOrigins: ['https://other.example'] };

describe('hostile input over HTTP against the collector CLI', () => {
  let c: StartedCollector;
  let keys: Keys;
  let rssBefore = 0;
  let accepted = 0;
  const tally = new Tally();
  const json = (key: string, body: unknown): RawRequest => ({ method: 'POST', path: '/v1/batch', headers: { authorization: `Basic ${btoa(`${key}:`)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  /** Sends, checks the universal guarantees, counts the answer and the events it accepted. */
  const hit = async (cls: string, label: string, req: RawRequest, allowed: readonly number[]) => {
    const res = await send(c.url, req);
    tally.add(cls, res.status);
    expectHandled(res, allowed, SECRETS, `${cls}/${label}`);
    if (res.status === 200 && req.method === 'POST') accepted += (JSON.parse(res.text) as { accepted?: number }).accepted ?? 0;
    return res;
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-hostile-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ projects: [OTHER] }));
    c = await startCollector({ env: { WAYMARK_CORS_ORIGINS: ORIGIN, WAYMARK_CONFIG: join(dir, 'config.json') } });
    keys = { writeKey: c.writeKey, secretKey: c.secretKey, other: OTHER };
    const now = new Date().toISOString();
    const seed = await send(c.url, json(c.writeKey, { batch: [
      { type: 'identify', userId: 'alice', anonymousId: 'alice-phone', messageId: 'seed-1', timestamp: now, traits: { email: 'alice@example.com', name: 'Alice Liddell', plan: 'pro-plan-secret' } },
      { type: 'track', userId: 'alice', event: 'Order Completed', messageId: 'seed-2', timestamp: now, properties: { revenue: 10 } },
      { type: 'identify', userId: 'bob', messageId: 'seed-3', timestamp: now, traits: { email: 'bob@example.com' } },
    ] }));
    expect(seed.status).toBe(200);
    accepted += 3;
    expect((await send(c.url, json(OTHER.writeKey, { batch: [{ type: 'identify', userId: 'alice', messageId: 'o-1', timestamp: now, traits: { email: 'other-alice@example.org' } }] }))).status).toBe(200);
    accepted += 1;
    rssBefore = rssMiB(c.pid);
  });

  afterAll(async () => {
    console.log(`hostile input: answers per class\n${tally.render()}`);
    await c?.stop();
  });

  it('answers every case of the fixed corpus with its expected status, a reason, and nothing of alice', async () => {
    const cases = corpus(keys);
    const failures: string[] = [];
    for (const k of cases) await hit(k.cls, k.name, k.req, k.expect).catch((e: Error) => failures.push(e.message.split('\n')[0]!));
    expect(failures).toEqual([]);
    const classes = new Set(cases.map((k) => k.cls));
    expect(classes.size).toBeGreaterThanOrEqual(13);
    for (const cls of classes) expect(tally.total(cls)).toBeGreaterThan(0);
  }, 30_000);

  it('answers 413 to a client still uploading an oversize body, rather than resetting the connection under it', async () => {
    // 1 MiB in 64 KiB pieces 10 ms apart: the collector knows from the Content-Length that it will refuse the body, but
    // a connection closed with bytes still arriving is reset, and the client's writes then fail (EPIPE) with the 413
    // possibly unread. So the collector reads the body (bounded) first, then answers.
    const outcomes = await Promise.all(
      [
        { method: 'POST', path: '/v1/batch', headers: { authorization: `Basic ${btoa(`${c.writeKey}:`)}`, 'content-type': 'application/json' } },
        { method: 'PUT', path: '/v1/admin/config', headers: { authorization: `Basic ${btoa(`${c.secretKey}:`)}`, 'content-type': 'application/json' } },
      ].map((req) => uploadInPieces(c.url, req, 1024 * 1024, 64 * 1024, 10)),
    );
    for (const o of outcomes) tally.add('oversize', o.status);
    expect(outcomes).toEqual([{ status: 413 }, { status: 413 }]);
  }, 30_000);

  it('stores each naughty string verbatim (event name, property key and value, anonymous id) or refuses it with a reason', async () => {
    const now = new Date().toISOString();
    const sent = new Map<string, string>();
    for (let i = 0; i < NAUGHTY.length; i += 100) {
      const batch = NAUGHTY.slice(i, i + 100).map((s, j) => {
        const messageId = `naughty-${i + j}`;
        sent.set(messageId, s);
        return { type: 'track', messageId, event: s, anonymousId: s, properties: { [s]: s, nested: [s] }, timestamp: now };
      });
      const res = await hit('naughty-strings', `batch ${i}`, json(c.writeKey, { batch }), [200]);
      const body = JSON.parse(res.text) as { accepted: number; rejected: Array<{ index: number }> };
      expect(body.accepted + body.rejected.length).toBe(batch.length);
    }
    const stored = queryEvents(c.dbPath).filter((r) => sent.has(r.messageId));
    for (const row of stored) {
      const s = sent.get(row.messageId)!;
      expect(row.payload.event).toBe(s);
      expect(row.anonymousId).toBe(s);
      expect((row.payload.properties as Record<string, unknown>)[s]).toBe(s);
    }
    expect(stored.length).toBeGreaterThan(NAUGHTY.length / 2); // most of the list is valid text
  }, 30_000);

  it('property: any batch of events with hostile fields gets a batch answer naming each refused event, or a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBatchBody, async (body) => {
        await hit('property-batches', 'generated', { method: 'POST', path: '/v1/batch', headers: { authorization: `Basic ${btoa(`${c.writeKey}:`)}`, 'content-type': 'text/plain' }, body }, [200, 400, 413]);
      }),
      { numRuns: 250, seed: 17_2026 },
    );
  }, 30_000);

  it('property: user-id enumeration with the write key fails for any id and any hash but the right one', async () => {
    const attempt = fc.record({ userId: fc.oneof(fc.constantFrom('alice', 'bob', 'Alice', 'alice '), hostileString), hash: fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), hostileString, fc.constantFrom('alice', 'bob').map((u) => hmac(keys.secretKey, u)), fc.constant(hmac(OTHER.secretKey, 'alice'))) });
    await fc.assert(
      fc.asyncProperty(attempt, async ({ userId, hash }) => {
        fc.pre(hash !== hmac(keys.secretKey, userId) && userId.length + hash.length <= 4_000);
        // As a client would send it: UTF-8 bytes, percent-encoded (a lone surrogate becomes U+FFFD's bytes).
        const q = `userId=${pct(userId)}&writeKey=${c.writeKey}&userHash=${pct(hash)}`;
        await hit('read-enumeration', 'generated', { method: 'GET', path: `/v1/status?${q}` }, [400, 403]);
      }),
      { numRuns: 250, seed: 16_2026 },
    );
    // Anonymous reads stay open but hold only the device's own facts: no trait of the user it was linked to.
    await hit('read-enumeration', 'alice-phone', { method: 'GET', path: `/v1/status?anonymousId=alice-phone&writeKey=${c.writeKey}` }, [200]);
  }, 30_000);

  it('stays up and sound: health, every stored row valid, rows = accepted events, RSS bounded', async () => {
    expect(c.exitCode()).toBeNull();
    expect((await send(c.url, { method: 'GET', path: '/healthz' })).status).toBe(200);
    const rows = expectValidDatabase(c.dbPath);
    expect(rows).toBe(accepted);
    const rssAfter = rssMiB(c.pid);
    console.log(`hostile input: collector RSS ${rssBefore.toFixed(0)} MiB before, ${rssAfter.toFixed(0)} MiB after (bound +${RSS_BOUND_MIB} MiB); ${rows} rows stored`);
    expect(rssAfter - rssBefore).toBeLessThan(RSS_BOUND_MIB);
  });
});
