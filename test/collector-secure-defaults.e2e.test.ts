// The collector CLI on its defaults, over HTTP: the public write key (published by every page that embeds the SDK)
// must not read anyone's profile; the documented opt-outs do what they say.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type StartedCollector } from './support/collector.js';

const hmac = (key: string, userId: string) => createHmac('sha256', key).update(userId).digest('hex');
const SHOP = { id: 'shop', name: 'Shop', writeKey: `wk_shop_${randomBytes(6).toString('hex')}`, secretKey: `sk_shop_${randomBytes(6).toString('hex')}`, corsOrigins: ['https://shop.example'] };
const SECRETS = /alice@example\.com|Alice Liddell|"plan"/;

describe('collector on its defaults: no profile for the write key', () => {
  let c: StartedCollector;
  const status = (query: string, headers: Record<string, string> = {}) => fetch(`${c.url}/v1/status?${query}`, { headers });
  const admin = (method: string, path: string, body: unknown) =>
    fetch(`${c.url}${path}`, { method, headers: { authorization: `Bearer ${c.secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-secure-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ projects: [SHOP] }));
    // '' unsets the test harness's `*`: the CLI's own default applies.
    c = await startCollector({ env: { WAYMARK_CORS_ORIGINS: '', WAYMARK_CONFIG: join(dir, 'config.json') } });
    const now = new Date().toISOString();
    const sent = await fetch(`${c.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ writeKey: c.writeKey, sentAt: now, batch: [
        { type: 'track', event: 'Signed Up', anonymousId: 'alice-phone', messageId: 'a1', timestamp: now },
        { type: 'identify', anonymousId: 'alice-phone', userId: 'alice', messageId: 'a2', timestamp: now,
          traits: { email: 'alice@example.com', name: 'Alice Liddell', plan: 'pro' } },
        { type: 'identify', userId: 'bob', messageId: 'b1', timestamp: now, traits: { email: 'bob@example.com' } },
      ] }),
    });
    expect(sent.status).toBe(200);
  });
  afterAll(async () => c?.stop());

  it('says at start that no browser origin is allowed yet and how to add one', () => {
    expect(c.logs()).toMatch(/"msg":"no browser origin allowed yet[^"]*","projectId":"default","fix":"--cors-origins/);
    expect(c.logs()).not.toMatch(/identity verification is off/);
  });

  it('refuses user-id enumeration with the write key: no hash, a forged one, one for another user', async () => {
    const attempts = [
      ...['alice', 'bob', 'admin', '1', 'alice@example.com'].map((id) => `userId=${encodeURIComponent(id)}&writeKey=${c.writeKey}`),
      `userId=alice&writeKey=${c.writeKey}&userHash=${'0'.repeat(64)}`,
      `userId=alice&writeKey=${c.writeKey}&userHash=${hmac(c.secretKey, 'bob')}`, // valid, for bob
      `userId=alice&writeKey=${c.writeKey}&userHash=${hmac(c.writeKey, 'alice')}`, // signed with the public key
      `userId=alice&writeKey=${c.writeKey}&userHash=${hmac(c.secretKey, 'alice').slice(0, 63)}`,
    ];
    for (const query of attempts) {
      const res = await status(query);
      const text = await res.text();
      expect(res.status, query).toBe(403);
      expect(JSON.parse(text).reason).toMatch(/userHash/);
      expect(text).not.toMatch(SECRETS);
    }
  });

  it('answers the verified user without any trait the project did not list', async () => {
    const res = await status(`userId=alice&writeKey=${c.writeKey}&userHash=${hmac(c.secretKey, 'alice')}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ userId: 'alice', facts: { traits: {} } });
    expect(text).not.toMatch(SECRETS);
  });

  it('keeps reads by anonymous id open, to the device\'s own profile, not the user it was linked to', async () => {
    const res = await status(`anonymousId=alice-phone&writeKey=${c.writeKey}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { userId?: string };
    expect(body.userId).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(SECRETS);
  });

  it('gives another project\'s write key nothing of this project, even with that project\'s valid hash', async () => {
    const res = await status(`userId=alice&writeKey=${SHOP.writeKey}&userHash=${hmac(SHOP.secretKey, 'alice')}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { facts: { first: number; traits: object } };
    expect(body.facts.first).toBe(0); // an unknown user there
    expect(JSON.stringify(body)).not.toMatch(SECRETS);
    // And a secret key is never a write key.
    expect((await status(`anonymousId=alice-phone&writeKey=${c.secretKey}`)).status).toBe(403);
  });

  it('refuses a foreign origin: no CORS headers, no data, and its preflight and sends refused', async () => {
    const hash = hmac(c.secretKey, 'alice');
    for (const origin of ['https://evil.example', 'null', 'https://shop.example']) {
      const res = await status(`userId=alice&writeKey=${c.writeKey}&userHash=${hash}`, { origin });
      expect(res.status, origin).toBe(403);
      expect(await res.text()).not.toMatch(SECRETS);
      // shop.example is allowed by the other project only: this project still refuses it (with CORS headers so its page can read why).
      if (origin !== 'https://shop.example') expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    const pre = await fetch(`${c.url}/v1/batch`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(`${c.url}/v1/batch`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ writeKey: c.writeKey, batch: [{ type: 'track', event: 'X', anonymousId: 'evil', messageId: 'e1' }] }) });
    expect(post.status).toBe(403);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('does what the documented opt-outs say: CLI flags, then the admin API', async () => {
    // Restart on the same database with the CLI's opt-outs.
    const { writeKey, secretKey, dbPath } = c;
    await c.stop();
    c = await startCollector({ dbPath, env: { WAYMARK_WRITE_KEY: writeKey, WAYMARK_SECRET_KEY: secretKey, WAYMARK_CORS_ORIGINS: 'https://app.example', WAYMARK_IDENTITY_VERIFICATION: '0' } });
    expect(c.logs()).toMatch(/"msg":"identity verification is off: anyone holding the public write key can read any user's status by user id"/);
    const open = await status(`userId=alice&writeKey=${writeKey}`, { origin: 'https://app.example' });
    expect(open.status).toBe(200);
    expect(open.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(((await open.json()) as { facts: { traits: object } }).facts.traits).toEqual({});
    // Traits are a separate, per-name choice, in the project config.
    expect((await admin('PUT', '/v1/admin/config', { statusTraits: ['name'] })).status).toBe(200);
    const named = (await (await status(`userId=alice&writeKey=${writeKey}`)).json()) as { facts: { traits: Record<string, [unknown, number]> } };
    expect(Object.keys(named.facts.traits)).toEqual(['name']);
    expect(named.facts.traits.name?.[0]).toBe('Alice Liddell');
    // And back: verification on again through the admin API, honoured at once.
    expect((await admin('PATCH', '/v1/admin/project', { identityVerification: true })).status).toBe(200);
    expect((await status(`userId=alice&writeKey=${writeKey}`)).status).toBe(403);
  });
});
