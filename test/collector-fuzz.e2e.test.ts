/**
 * Hostile input: ≥ 10,000 generated batches (valid, partly invalid, malformed, oversize, wrong key, bad
 * encodings) against a SQLite-backed app, then a slice over real HTTP to the CLI. Every answer is a 4xx with
 * a reason or a 200 for the valid part; never a 5xx; the database holds exactly the valid events. Then the
 * read-side attacks on the secure defaults (user-id enumeration, forged / replayed / foreign-key user hashes, other
 * keys, a foreign origin, a write key on admin routes): refused, with nothing of the user in any answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createApp } from '@waymark/collector';
import { createSqliteStorage } from '@waymark/collector/node';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { queryEvents, startCollector } from './support/collector.js';

const WRITE_KEY = 'wk_fuzz';
const DAY = 86_400_000;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const hasForbiddenKey = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (Array.isArray(v) ? v.some(hasForbiddenKey) : Object.keys(v).some((k) => FORBIDDEN.has(k) || hasForbiddenKey((v as Record<string, unknown>)[k])));

// ---------- generators ----------
type Ev = Record<string, unknown>;
const safeJson = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }).filter((o) => !hasForbiddenKey(o));
const name = fc.oneof(fc.constantFrom('Signed Up', 'Order Completed', 'Viewed', 'Nudge Shown'), fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).filter((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s)));
const userId = fc.constantFrom('u1', 'u2', 'u3', 'ü-4', 'user@example.com');
const anonId = fc.constantFrom('a1', 'a2', 'a3', 'a4', 'anon-ß');

const validEvent: fc.Arbitrary<Ev> = fc
  .record({
    kind: fc.constantFrom('track', 'track', 'track', 'page', 'screen', 'identify', 'group', 'alias'),
    who: fc.oneof(fc.record({ anonymousId: anonId }), fc.record({ userId }), fc.record({ userId, anonymousId: anonId })),
    event: name,
    props: safeJson,
    ageMs: fc.integer({ min: 0, max: 200 * DAY }),
    extra: fc.record({ context: fc.option(safeJson, { nil: undefined }), integrations: fc.option(fc.constant({}), { nil: undefined }) }, { requiredKeys: [] }),
  })
  .map(({ kind, who, event, props, ageMs, extra }) => {
    const e: Ev = { type: kind, timestamp: new Date(Date.now() - ageMs).toISOString(), ...who };
    if (kind === 'track') Object.assign(e, { event, properties: props });
    if (kind === 'page' || kind === 'screen') Object.assign(e, { name: event, properties: props });
    if (kind === 'identify') e.traits = props;
    if (kind === 'group') Object.assign(e, { groupId: 'g1', traits: props });
    if (kind === 'alias') Object.assign(e, { userId: (who as { userId?: string }).userId ?? 'u9', previousId: 'a3' });
    if (extra.context) e.context = extra.context;
    if (extra.integrations) e.integrations = extra.integrations;
    return e;
  });

const deep = (n: number): unknown => (n === 0 ? 1 : { d: deep(n - 1) });
/** Each breaks exactly one rule of a valid event. */
const breakers: Array<(e: Ev) => unknown> = [
  (e) => ({ ...e, userId: undefined, anonymousId: undefined }),
  (e) => ({ ...e, type: 'track', event: undefined }),
  (e) => ({ ...e, type: 'purchase' }),
  (e) => ({ ...e, messageId: 'm'.repeat(101) }),
  (e) => ({ ...e, type: 'track', event: 'bad\u0000name' }),
  (e) => ({ ...e, userId: 'line\nbreak' }),
  (e) => ({ ...e, userId: 42 }),
  (e) => ({ ...e, anonymousId: '' , userId: undefined }),
  (e) => ({ ...e, properties: [1, 2, 3] }),
  // Last duplicate key wins in JSON.parse, so this really carries an own "__proto__" key.
  (e) => JSON.parse(JSON.stringify(e).replace(/\}$/, ',"properties":{"a":{"__proto__":{"polluted":true}}}}')),
  (e) => ({ ...e, traits: { constructor: { prototype: 1 } } }),
  (e) => ({ ...e, properties: deep(12) }),
  (e) => ({ ...e, properties: { blob: 'x'.repeat(33 * 1024) } }),
  (e) => ({ ...e, timestamp: '1970-01-01T00:00:00Z' }),
  (e) => ({ ...e, timestamp: 'not a date' }),
  (e) => ({ ...e, timestamp: new Date(Date.now() + 10 * DAY).toISOString() }),
  (e) => ({ ...e, timestamp: new Date(Date.now() - 400 * DAY).toISOString() }),
  (e) => ({ ...e, context: 'ctx' }),
  () => null,
  () => 'event',
  () => [1, 2],
];
const invalidEvent = fc.tuple(validEvent, fc.integer({ min: 0, max: breakers.length - 1 })).map(([e, i]) => breakers[i]!(e));

type Item = { valid: true; event: Ev } | { valid: false; event: unknown };
type Req =
  | { kind: 'batch'; items: Item[]; dupOf: number[]; keyIn: 'header' | 'body'; contentType: string; gzip: boolean; sentAtSkewMs: number | null }
  | { kind: 'hostile'; expect: number[]; body: Uint8Array | string; headers: Record<string, string> };

const batchReq: fc.Arbitrary<Req> = fc.record({
  kind: fc.constant('batch' as const),
  items: fc.array(fc.oneof({ weight: 3, arbitrary: validEvent.map((event): Item => ({ valid: true, event })) }, { weight: 1, arbitrary: invalidEvent.map((event): Item => ({ valid: false, event })) }), { maxLength: 30 }),
  dupOf: fc.array(fc.nat(), { maxLength: 3 }),
  keyIn: fc.constantFrom('header' as const, 'body' as const),
  contentType: fc.constantFrom('application/json', 'text/plain', 'text/plain;charset=UTF-8'),
  gzip: fc.boolean(),
  sentAtSkewMs: fc.option(fc.integer({ min: -5 * 3_600_000, max: 5 * 3_600_000 }), { nil: null }),
});

const auth = { authorization: `Basic ${btoa(`${WRITE_KEY}:`)}`, 'content-type': 'application/json' };
const hostileReq: fc.Arbitrary<Req> = fc.oneof(
  fc.string({ maxLength: 200 }).map((s): Req => ({ kind: 'hostile', expect: [400], body: s, headers: auth })),
  fc.jsonValue({ maxDepth: 3 }).filter((v) => !(typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as { batch?: unknown }).batch)))
    .map((v): Req => ({ kind: 'hostile', expect: [400], body: JSON.stringify(v), headers: auth })),
  fc.string({ maxLength: 100 }).map((s): Req => ({ kind: 'hostile', expect: [400], body: `{"batch":[{"type":"track","event":"x","anonymousId":"a","messageId":"t-${s.length}"`, headers: auth })),
  fc.constantFrom<Req[]>(
    { kind: 'hostile' as const, expect: [413], body: JSON.stringify({ batch: [{ type: 'track', event: 'x', anonymousId: 'a', messageId: 'big', properties: { x: 'y'.repeat(520 * 1024) } }] }), headers: auth },
    { kind: 'hostile' as const, expect: [413], body: JSON.stringify({ batch: Array.from({ length: 1001 }, () => ({})) }), headers: auth },
    { kind: 'hostile' as const, expect: [413], body: gzipSync(Buffer.alloc(3 * 1024 * 1024, 0x20)), headers: { ...auth, 'content-encoding': 'gzip' } },
    { kind: 'hostile' as const, expect: [400], body: new Uint8Array([0x1f, 0x8b, 1, 2, 3, 4]), headers: { ...auth, 'content-encoding': 'gzip' } },
    { kind: 'hostile' as const, expect: [415], body: '{"batch":[]}', headers: { ...auth, 'content-encoding': 'br' } },
    { kind: 'hostile' as const, expect: [400], body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: auth },
    { kind: 'hostile' as const, expect: [400], body: '{"batch":[],"sentAt":"yesterday"}', headers: auth },
    { kind: 'hostile' as const, expect: [401], body: '{"batch":[{"type":"track","event":"x","anonymousId":"a","messageId":"nokey"}]}', headers: { 'content-type': 'application/json' } },
    { kind: 'hostile' as const, expect: [401], body: '{"batch":[{"type":"track","event":"x","anonymousId":"a","messageId":"badkey"}]}', headers: { ...auth, authorization: 'Basic d2tfbm9wZTo=' } },
    { kind: 'hostile' as const, expect: [401, 400], body: '{"batch":[{"type":"track","event":"x","anonymousId":"a","messageId":"bk"}],"writeKey":{"$ne":1}}', headers: { 'content-type': 'text/plain' } },
    { kind: 'hostile' as const, expect: [400], body: '', headers: auth },
  ),
);
const anyReq = fc.oneof({ weight: 4, arbitrary: batchReq }, { weight: 1, arbitrary: hostileReq });

// ---------- the oracle ----------
type Sent = { path: string; init: { method: 'POST'; headers: Record<string, string>; body: Uint8Array | string } };
interface Model {
  stored: Set<string>;
  seq: number;
  validIds: string[];
}

/** Assigns messageIds, builds the HTTP request and says what the answer must be. */
function materialise(req: Req, m: Model): { sent: Sent; check: (status: number, body: unknown) => void } {
  if (req.kind === 'hostile') {
    return {
      sent: { path: '/v1/batch', init: { method: 'POST', headers: req.headers, body: req.body } },
      check: (status, body) => {
        expect(req.expect).toContain(status);
        expect(typeof (body as { reason?: unknown }).reason).toBe('string');
      },
    };
  }
  const batch: unknown[] = [];
  const expected: Array<{ index: number; id?: string; valid: boolean }> = [];
  req.items.forEach((item, index) => {
    if (item.valid) {
      const reuse = req.dupOf.length > 0 && m.validIds.length > 0 && index < req.dupOf.length;
      const id = reuse ? m.validIds[req.dupOf[index]! % m.validIds.length]! : `v-${m.seq++}`;
      const e: Ev = { ...item.event, messageId: id };
      if (req.sentAtSkewMs !== null) e.timestamp = new Date(Date.parse(e.timestamp as string) + req.sentAtSkewMs).toISOString();
      batch.push(e);
      expected.push({ index, id, valid: true });
    } else {
      const e = item.event;
      const id = `x-${m.seq++}`;
      if (typeof e === 'object' && e !== null && !Array.isArray(e) && !('messageId' in e)) (e as Ev).messageId = id;
      batch.push(e);
      expected.push({ index, valid: false });
    }
  });
  const envelope: Record<string, unknown> = { batch };
  if (req.sentAtSkewMs !== null) envelope.sentAt = new Date(Date.now() + req.sentAtSkewMs).toISOString();
  if (req.keyIn === 'body') envelope.writeKey = WRITE_KEY;
  const text = JSON.stringify(envelope);
  const headers: Record<string, string> = { 'content-type': req.contentType };
  if (req.keyIn === 'header') headers.authorization = auth.authorization;
  if (req.gzip) headers['content-encoding'] = 'gzip';
  return {
    sent: { path: '/v1/batch', init: { method: 'POST', headers, body: req.gzip ? gzipSync(text) : text } },
    check: (status, body) => {
      expect(status, JSON.stringify(body)).toBe(200);
      const res = body as { accepted: number; duplicates: string[]; rejected: Array<{ index: number; reason: string }> };
      expect(res.rejected.map((r) => r.index), JSON.stringify({ batch, res })).toEqual(expected.filter((x) => !x.valid).map((x) => x.index));
      expect(res.rejected.every((r) => typeof r.reason === 'string' && r.reason.length > 0)).toBe(true);
      const dups: string[] = [];
      let fresh = 0;
      for (const x of expected) {
        if (!x.valid) continue;
        if (m.stored.has(x.id!)) dups.push(x.id!);
        else {
          m.stored.add(x.id!);
          m.validIds.push(x.id!);
          fresh++;
        }
      }
      expect(res.duplicates).toEqual(dups);
      expect(res.accepted).toBe(fresh);
    },
  };
}

describe('hostile input never breaks the collector or its database', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('10,000 generated batches through app.request() on a SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-fuzz-'));
    dirs.push(dir);
    const dbPath = join(dir, 'fuzz.db');
    const storage = createSqliteStorage({ path: dbPath, synchronous: 'normal' }); // correctness here; durability is the crash test's
    await storage.createProject({ id: 'default', name: 'Fuzz', writeKey: WRITE_KEY, secretKey: 'sk_fuzz', corsOrigins: ['*'] });
    const app = createApp({ storage, config: { keyRateLimit: false, ipRateLimit: false } });
    const model: Model = { stored: new Set(), seq: 0, validIds: [] };
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(anyReq, async (req) => {
        const { sent, check } = materialise(req, model);
        const res = await app.request(sent.path, sent.init as RequestInit);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
        check(res.status, await res.json());
      }),
      { numRuns: 10_000, seed: 20261125, endOnFailure: true },
    );
    await storage.close();
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200, 400, 401, 413, 415]));
    const ids = queryEvents(dbPath).map((e) => e.messageId);
    expect(ids).toHaveLength(model.stored.size);
    expect(new Set(ids)).toEqual(model.stored);
  }, 300_000);

  it('a slice over real HTTP to the CLI: same guarantees, and the process stays up', async () => {
    const c = await startCollector({ env: { WAYMARK_WRITE_KEY: WRITE_KEY } });
    try {
      const model: Model = { stored: new Set(), seq: 0, validIds: [] };
      const requests = fc.sample(anyReq, { numRuns: 400, seed: 7 });
      for (const req of requests) {
        const { sent, check } = materialise(req, model);
        const res = await fetch(c.url + sent.path, { ...sent.init, body: sent.init.body as BodyInit });
        expect(res.status).toBeLessThan(500);
        check(res.status, await res.json());
      }
      expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
      expect(new Set(queryEvents(c.dbPath).map((e) => e.messageId))).toEqual(model.stored);
    } finally {
      await c.stop();
    }
  });

  it('read-side attacks on the secure defaults over HTTP: no status of another user, project or origin leaks', async () => {
    const ORIGIN = 'https://app.example';
    const c = await startCollector({ env: { WAYMARK_WRITE_KEY: WRITE_KEY, WAYMARK_CORS_ORIGINS: ORIGIN } });
    const hash = (userId: string, key = c.secretKey) => createHmac('sha256', key).update(userId).digest('hex');
    const SECRET_TRAIT = 'victim-secret@example.com';
    try {
      // The victim's profile exists (identified on a device whose anonymous id the attacker may know).
      const now = new Date().toISOString();
      const batch = [
        { type: 'identify', messageId: 'v1', userId: 'victim', anonymousId: 'victim-device', traits: { email: SECRET_TRAIT }, timestamp: now },
        { type: 'track', messageId: 'v2', userId: 'victim', event: 'Order Completed', properties: { revenue: 99 }, timestamp: now },
      ];
      const stored = await fetch(`${c.url}/v1/batch`, { method: 'POST', headers: { authorization: `Basic ${btoa(`${WRITE_KEY}:`)}`, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
      expect(stored.status).toBe(200);
      const status = (query: Record<string, string>, headers: Record<string, string> = { origin: ORIGIN }) =>
        fetch(`${c.url}/v1/status?${new URLSearchParams({ writeKey: WRITE_KEY, ...query })}`, { headers });
      // Positive control: the app's backend signed the id, from the allowed origin.
      const ok = await status({ userId: 'victim', userHash: hash('victim') });
      expect(ok.status).toBe(200);
      expect(JSON.stringify(await ok.json())).toContain('"status"');

      const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
      const attacks: Array<[string, fc.Arbitrary<() => Promise<Response>>, number[]]> = [
        ['user-id enumeration with the write key', fc.oneof(fc.constant('victim'), fc.string({ minLength: 1, maxLength: 40 })).map((u) => () => status({ userId: u })), [400, 403]],
        ['forged userHash', hex.map((h) => () => status({ userId: 'victim', userHash: h })), [403]],
        ['replayed userHash of another user', fc.string({ minLength: 1, maxLength: 20 }).filter((u) => u !== 'victim').map((u) => () => status({ userId: 'victim', userHash: hash(u) })), [403]],
        ['userHash under another key', fc.string({ minLength: 8, maxLength: 30 }).map((k) => () => status({ userId: 'victim', userHash: hash('victim', k) })), [403]],
        ['truncated or padded userHash', fc.integer({ min: 0, max: 70 }).filter((n) => n !== 64).map((n) => () => status({ userId: 'victim', userHash: (hash('victim') + hash('x')).slice(0, n) })), [400, 403]],
        ['another project\'s or an invented write key', fc.stringMatching(/^wk_[a-z0-9]{4,24}$/).map((k) => () => status({ writeKey: k, userId: 'victim', userHash: hash('victim') })), [401, 403]],
        ['the secret key where a write key goes', fc.constant(() => status({ writeKey: c.secretKey, userId: 'victim', userHash: hash('victim') })), [401, 403]],
        ['a foreign origin with a valid hash', fc.webUrl().map((u) => new URL(u).origin).filter((o) => o !== ORIGIN).map((o) => () => status({ userId: 'victim', userHash: hash('victim') }, { origin: o })), [403]],
        ['a write key on admin routes', fc.constantFrom('/v1/admin/users/victim/export', '/v1/admin/project', '/v1/admin/analytics/overview', '/v1/admin/streams').map((path) => () => fetch(c.url + path, { headers: { authorization: `Basic ${btoa(`${WRITE_KEY}:`)}` } })), [401, 403]],
      ];
      const counts: Record<string, number> = {};
      for (const [label, attack, allowed] of attacks) {
        for (const send of fc.sample(attack, { numRuns: 25, seed: 17 })) {
          const res = await send();
          const text = await res.text();
          expect(allowed, `${label}: ${res.status} ${text}`).toContain(res.status);
          expect(text).not.toContain(SECRET_TRAIT);
          expect(text).not.toMatch(/"facts"/);
          expect(res.headers.get('access-control-allow-origin') ?? ORIGIN).toBe(ORIGIN);
          counts[label] = (counts[label] ?? 0) + 1;
        }
      }
      // The victim's device id reads that device's own profile only: never the user's facts or traits.
      const device = await status({ anonymousId: 'victim-device' });
      expect(device.status).toBeLessThan(500);
      expect(await device.text()).not.toContain(SECRET_TRAIT);
      console.log('read-side attacks refused, per class:', counts);
      expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
    } finally {
      await c.stop();
    }
  });
});
