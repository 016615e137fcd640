/** The fixed corpus: named hostile requests per class, each with the statuses it may get (never a 5xx). */
import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { RawRequest } from './raw-http.js';

export interface Keys {
  writeKey: string;
  secretKey: string;
  /** Another project on the same collector. */
  other: { writeKey: string; secretKey: string };
}

export interface HostileCase {
  cls: string;
  name: string;
  req: RawRequest;
  /** Allowed statuses; 200 only where part of the request is valid (the batch answer then names each rejected event). */
  expect: number[];
}

export const hmac = (key: string, userId: string): string => createHmac('sha256', key).update(userId).digest('hex');
const basic = (key: string) => `Basic ${btoa(`${key}:`)}`;
const now = () => new Date().toISOString();
const ev = (extra: Record<string, unknown>) => ({ type: 'track', event: 'Hostile', anonymousId: 'hostile-anon', timestamp: now(), ...extra });
const deep = (n: number, leaf: string) => '{"a":'.repeat(n) + leaf + '}'.repeat(n);

function post(key: string | undefined, body: string | Uint8Array, headers: Record<string, string> = {}, path = '/v1/batch'): RawRequest {
  return { method: 'POST', path, headers: { 'content-type': 'application/json', ...(key ? { authorization: basic(key) } : {}), ...headers }, body };
}
const batchOf = (key: string, events: unknown[]) => post(key, JSON.stringify({ batch: events }));

export function corpus(k: Keys): HostileCase[] {
  const c = (cls: string, name: string, req: RawRequest, expect: number[]): HostileCase => ({ cls, name, req, expect });
  const one = (cls: string, name: string, event: unknown) => c(cls, name, batchOf(k.writeKey, [event]), [200]);
  const enc = encodeURIComponent;
  const status = (q: string, headers: Record<string, string> = {}): RawRequest => ({ method: 'GET', path: `/v1/status?${q}`, headers });
  const admin = (method: string, path: string, key: string | undefined, body?: string): RawRequest => ({
    method, path, headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, ...(body ? { body } : {}),
  });
  return [
    ...['{', '{"batch":[', '{"batch":[{"type":"track"', 'null', '[]', '"batch"', '{"batch":[]}garbage', "{'batch':[]}", '{"batch":[NaN]}',
      '{"batch":[/* c */]}', '{"batch":[],}', '{"a":1,"a":2', ' ', '\u0000'].map((b) =>
      c('malformed-json', JSON.stringify(b).slice(0, 40), post(k.writeKey, b), [400])),
    c('malformed-json', 'a UTF-8 BOM before the JSON (skipped, as by TextDecoder)', post(k.writeKey, '\ufeff{"batch":[]}'), [200]),
    ...[{ batch: 'x' }, { batch: {} }, { batch: null }, { batch: [], sentAt: 7 }].map((b) =>
      c('wrong-types', `envelope ${JSON.stringify(b)}`, post(k.writeKey, JSON.stringify(b)), [400])),
    c('wrong-types', 'an infinite number (1e999999) as an event', post(k.writeKey, '{"batch":[1e999999]}'), [200]),
    c('wrong-types', 'envelope context is a string', post(k.writeKey, JSON.stringify({ batch: [ev({})], context: 'ctx' })), [200, 400]),
    c('wrong-types', 'body writeKey is an object', post(undefined, JSON.stringify({ writeKey: { $ne: null }, batch: [ev({})] })), [400, 401]),
    ...[{ type: 7 }, { type: ['track'] }, { event: 42 }, { event: { $gt: '' } }, { anonymousId: true }, { anonymousId: ['a'] }, { userId: 1e21 },
      { properties: 'p' }, { properties: [1] }, { traits: 3 }, { context: [] }, { timestamp: 1_700_000_000_000 }, { messageId: {} }, { type: 'TRACK' }]
      .map((f) => one('wrong-types', `event ${JSON.stringify(f)}`, ev(f))),
    one('huge', 'event name of 200 KB', ev({ event: 'n'.repeat(200_000) })),
    one('huge', 'userId of 100 KB', ev({ userId: 'u'.repeat(100_000) })),
    one('huge', 'properties of 40 KB', ev({ properties: { blob: 'b'.repeat(40_000) } })),
    one('huge', 'an array of 60,000 numbers', ev({ properties: { list: Array.from({ length: 60_000 }, (_, i) => i) } })),
    c('huge', '1,001 events', batchOf(k.writeKey, Array.from({ length: 1001 }, () => ev({}))), [413]),
    c('huge', '1,000 empty objects', batchOf(k.writeKey, Array.from({ length: 1000 }, () => ({}))), [200]),
    c('deep-nesting', 'properties 11 deep', post(k.writeKey, `{"batch":[{"type":"track","event":"D","anonymousId":"a","properties":${deep(11, '1')}}]}`), [200]),
    c('deep-nesting', 'body 80,000 objects deep', post(k.writeKey, `{"batch":[{"type":"track","event":"D","anonymousId":"a","properties":${deep(80_000, '1')}}]}`), [200, 400]),
    c('deep-nesting', 'body 200,000 arrays deep', post(k.writeKey, '['.repeat(200_000) + ']'.repeat(200_000)), [400]),
    c('deep-nesting', 'context 50,000 deep', post(k.writeKey, `{"context":${deep(50_000, '1')},"batch":[]}`), [200, 400]),
    ...['{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"a":[{"__proto__":{}}]}', '{"prototype":1}'].flatMap((p) =>
      ['properties', 'traits', 'context', 'integrations'].map((field) =>
        c('prototype-pollution', `${field}: ${p}`, post(k.writeKey, `{"batch":[{"type":"identify","userId":"pp","timestamp":"${now()}","${field}":${p}}]}`), [200]))),
    c('prototype-pollution', 'event-level __proto__', post(k.writeKey, `{"batch":[{"__proto__":{"type":"track","event":"P","anonymousId":"a"}}]}`), [200]),
    c('prototype-pollution', 'envelope __proto__ with isAdmin', post(k.writeKey, `{"__proto__":{"isAdmin":true,"identityVerification":false},"batch":[]}`), [200, 400]),
    c('prototype-pollution', 'admin config __proto__', admin('PUT', '/v1/admin/config', k.secretKey, '{"__proto__":{"statusTraits":["email"]}}'), [400]),
    c('prototype-pollution', 'admin project __proto__', admin('PATCH', '/v1/admin/project', k.secretKey, '{"__proto__":{"identityVerification":false}}'), [200, 400]),
    ...[['lone high surrogate', '"x\\ud800"'], ['lone low surrogate', '"x\\udfff"'], ['reversed pair', '"\\udc00\\ud800"'], ['NUL', '"a\\u0000b"'],
      ['RTL override', '"\u202egnp.exe"'], ['zero-width', '"a\u200b\u200c\u200d\u2060b"'], ['BOM inside', '"\ufeffname"'], ['noncharacter', '"\\uffff\\ufdd0"'],
      ['combining flood', `"a${'\u0301'.repeat(150)}"`], ['line separator', '"a\u2028b\u2029c"']].flatMap(([label, s]) => [
      c('unicode', `${label} as event name`, post(k.writeKey, `{"batch":[{"type":"track","anonymousId":"uni","timestamp":"${now()}","event":${s}}]}`), [200]),
      c('unicode', `${label} as anonymousId`, post(k.writeKey, `{"batch":[{"type":"track","event":"U","timestamp":"${now()}","anonymousId":${s}}]}`), [200]),
      c('unicode', `${label} as property key`, post(k.writeKey, `{"batch":[{"type":"track","event":"U","anonymousId":"uni","timestamp":"${now()}","properties":{${s}:1}}]}`), [200]),
    ]),
    ...[[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xff], [0xe2, 0x82]].map((bad) =>
      c('unicode', `invalid UTF-8 ${bad.map((b) => b.toString(16)).join(' ')}`, post(k.writeKey, Buffer.concat([Buffer.from('{"batch":[{"type":"track","anonymousId":"a","event":"'), Buffer.from(bad), Buffer.from('"}]}')])), [400])),
    ...["' OR '1'='1", "x'); DROP TABLE events; --", '" OR 1=1 --', "1; DELETE FROM profiles WHERE '1'='1", "a' UNION SELECT payload FROM events --", '%00%27'].flatMap((s) => [
      one('sql-looking', `userId ${s}`, ev({ userId: s, event: s, properties: { [s]: s } })),
      c('sql-looking', `status userId ${s}`, status(`userId=${enc(s)}&writeKey=${k.writeKey}`), [403]),
      c('sql-looking', `admin export ${s}`, admin('GET', `/v1/admin/users/${enc(s)}/export`, k.secretKey), [200, 404]),
      c('sql-looking', `write key ${s}`, post(s, JSON.stringify({ batch: [ev({})] })), [401]),
    ]),
    c('keys', 'no key at all', post(undefined, JSON.stringify({ batch: [ev({})] })), [401]),
    c('keys', 'unknown key', post('wk_nope', JSON.stringify({ batch: [ev({})] })), [401]),
    c('keys', 'secret key as write key', post(k.secretKey, JSON.stringify({ batch: [ev({})] })), [403]),
    c('keys', 'secret key in the body', post(undefined, JSON.stringify({ writeKey: k.secretKey, batch: [ev({})] }), { 'content-type': 'text/plain' }), [403]),
    c('keys', 'Basic with broken base64', post(undefined, JSON.stringify({ batch: [] }), { authorization: 'Basic %%%not-base64' }), [400, 401]),
    c('keys', 'Bearer of 8 KB', post(undefined, JSON.stringify({ batch: [] }), { authorization: `Bearer ${'k'.repeat(8_000)}` }), [401]),
    c('keys', 'key with a NUL', post(undefined, JSON.stringify({ writeKey: `${k.writeKey}\u0000`, batch: [ev({})] }), { 'content-type': 'text/plain' }), [401]),
    c('keys', 'key as a prefix', post(k.writeKey.slice(0, -1), JSON.stringify({ batch: [ev({})] })), [401]),
    c('keys', 'status with the secret key', status(`anonymousId=a&writeKey=${k.secretKey}`), [403]),
    c('keys', 'status without a key', status('anonymousId=a'), [401]),
    ...['/v1/admin/project', '/v1/admin/config', '/v1/admin/users/alice/export', '/v1/admin/analytics/overview', '/v1/admin/plan/violations', '/v1/admin/config/lift'].flatMap((p) => [
      c('write-key-on-admin', `GET ${p} with the write key`, admin('GET', p, k.writeKey), [403]),
      c('write-key-on-admin', `GET ${p} without a key`, admin('GET', p, undefined), [401]),
    ]),
    c('write-key-on-admin', 'DELETE a user with the write key', admin('DELETE', '/v1/admin/users/alice', k.writeKey), [403]),
    c('write-key-on-admin', 'rotate keys with the write key', admin('POST', '/v1/admin/keys/rotate', k.writeKey, '{}'), [403]),
    c('write-key-on-admin', 'PUT config with the write key', admin('PUT', '/v1/admin/config', k.writeKey, '{"statusTraits":["email"]}'), [403]),
    c('write-key-on-admin', 'PATCH project with the write key', admin('PATCH', '/v1/admin/project', k.writeKey, '{"identityVerification":false}'), [403]),
    c('write-key-on-admin', 'export alice with the other project\'s secret key', admin('GET', '/v1/admin/users/alice/export', k.other.secretKey), [200, 404]),
    ...[
      ['no hash', ''], ['zeros', '0'.repeat(64)], ['bob\'s valid hash', hmac(k.secretKey, 'bob')], ['signed with the write key', hmac(k.writeKey, 'alice')],
      ['signed with the other project\'s secret', hmac(k.other.secretKey, 'alice')], ['truncated', hmac(k.secretKey, 'alice').slice(0, 63)],
      ['one char more', `${hmac(k.secretKey, 'alice')}0`], ['non-hex', 'z'.repeat(64)], ['8 KB', 'a'.repeat(8_000)], ['for "alice " (trailing space)', hmac(k.secretKey, 'alice ')],
      ['for "Alice"', hmac(k.secretKey, 'Alice')], ['base64 of the right MAC', createHmac('sha256', k.secretKey).update('alice').digest('base64')],
    ].map(([label, h]) => c('forged-user-hash', label!, status(`userId=alice&writeKey=${k.writeKey}${h ? `&userHash=${enc(h)}` : ''}`), [403])),
    c('forged-user-hash', 'userId twice, hash for the first', status(`userId=bob&userId=alice&writeKey=${k.writeKey}&userHash=${hmac(k.secretKey, 'bob')}`), [200]),
    c('forged-user-hash', 'userId twice, hash for the second', status(`userId=alice&userId=bob&writeKey=${k.writeKey}&userHash=${hmac(k.secretKey, 'bob')}`), [403]),
    c('forged-user-hash', 'alice\'s hash of this project, on the other project', status(`userId=alice&writeKey=${k.other.writeKey}&userHash=${hmac(k.secretKey, 'alice')}`), [403]),
    c('forged-user-hash', 'foreign origin with a valid hash', status(`userId=alice&writeKey=${k.writeKey}&userHash=${hmac(k.secretKey, 'alice')}`, { origin: 'https://evil.example' }), [403]),
    c('oversize', '600 KB with Content-Length', post(k.writeKey, JSON.stringify({ batch: [ev({ properties: { x: 'y'.repeat(600_000) } })] })), [413]),
    c('oversize', 'declares 1 GB, sends 2 bytes', { ...post(k.writeKey, '{}'), headers: { authorization: basic(k.writeKey), 'content-type': 'application/json', 'content-length': '1000000000' }, body: undefined }, [413]),
    c('oversize', '2 MB chunked', { ...post(k.writeKey, ''), headers: { authorization: basic(k.writeKey), 'transfer-encoding': 'chunked', 'content-type': 'application/json' }, body: Buffer.alloc(2 * 1024 * 1024, 0x20) }, [413]),
    c('oversize', '2 MB admin config', admin('PUT', '/v1/admin/config', k.secretKey, `{"x":"${'y'.repeat(2 * 1024 * 1024)}"}`), [413]),
    c('oversize', '2 MB admin project patch', admin('PATCH', '/v1/admin/project', k.secretKey, `{"name":"${'y'.repeat(2 * 1024 * 1024)}"}`), [413]),
    c('oversize', 'a 20 KB URL (Node refuses it: 431, no body)', status(`anonymousId=${'a'.repeat(20_000)}&writeKey=${k.writeKey}`), [431]),
    c('gzip-bomb', '100 MB of zeros in 100 KB', post(k.writeKey, gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 }), { 'content-encoding': 'gzip' }), [413]),
    c('gzip-bomb', 'gzip of gzip', post(k.writeKey, gzipSync(gzipSync(JSON.stringify({ batch: [ev({})] }))), { 'content-encoding': 'gzip' }), [400]),
    c('gzip-bomb', 'truncated gzip', post(k.writeKey, gzipSync(JSON.stringify({ batch: [ev({})] })).subarray(0, 20), { 'content-encoding': 'gzip' }), [400]),
    c('gzip-bomb', 'gzip declared, plain sent', post(k.writeKey, JSON.stringify({ batch: [ev({})] }), { 'content-encoding': 'gzip' }), [400]),
    c('gzip-bomb', 'stacked encodings', post(k.writeKey, gzipSync(gzipSync('{}')), { 'content-encoding': 'gzip, gzip' }), [415]),
    c('other-paths', 'single track, event-level __proto__', post(k.writeKey, '{"__proto__":{"x":1},"event":"T","anonymousId":"a"}', {}, '/v1/track'), [400]),
    c('other-paths', 'single identify, lone surrogate userId', post(k.writeKey, '{"userId":"x\\ud800","traits":{}}', {}, '/v1/identify'), [400]),
    c('other-paths', 'single t (analytics-next), 200 KB name', post(k.writeKey, JSON.stringify(ev({ event: 'n'.repeat(200_000) })), {}, '/v1/t'), [400]),
    c('other-paths', 'single alias without previousId', post(k.writeKey, '{"userId":"u"}', {}, '/v1/alias'), [400]),
    c('other-paths', 'single page, body is an array', post(k.writeKey, '[{"name":"P","anonymousId":"a"}]', {}, '/v1/page'), [400]),
    c('other-paths', 'import of 1,001 events', post(k.writeKey, JSON.stringify({ batch: Array.from({ length: 1001 }, () => ({})) }), {}, '/v1/import'), [413]),
    c('other-paths', 'beacon with a SQL-looking key', post(undefined, JSON.stringify({ batch: [ev({})] }), { 'content-type': 'text/plain' }, `/beacon/v1/batch?writeKey=${enc("' OR 1=1 --")}`), [401]),
    c('other-paths', 'beacon with the secret key', post(undefined, JSON.stringify({ batch: [ev({})] }), { 'content-type': 'text/plain' }, `/beacon/v1/batch?writeKey=${k.secretKey}`), [403]),
    c('other-paths', 'library metrics, garbage', post(k.writeKey, '\u0000not json', {}, '/v1/m'), [204]),
    c('gzip-bomb', 'deflate', post(k.writeKey, '{}', { 'content-encoding': 'deflate' }), [415]),
  ];
}
