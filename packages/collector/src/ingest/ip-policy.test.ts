import { describe, expect, it } from 'vitest';
import { storedIp, truncateIp } from './ip-policy.js';

describe('truncateIp', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0'],
    ['::ffff:198.51.100.9', '198.51.100.0'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::'],
    ['2001:db8::1', '2001:db8:0::'],
    ['not-an-ip', ''],
  ])('%s → %s', (ip, expected) => expect(truncateIp(ip)).toBe(expected));
});

describe('storedIp', () => {
  it('keeps nothing by default mode none', async () => expect(await storedIp('203.0.113.77', 'none', 's')).toBeUndefined());
  it('hashes with the salt: stable per salt, never the raw address', async () => {
    const a = await storedIp('203.0.113.77', 'hashed', 'salt-1');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await storedIp('203.0.113.77', 'hashed', 'salt-1')).toBe(a);
    expect(await storedIp('203.0.113.77', 'hashed', 'salt-2')).not.toBe(a);
  });
});
