import { describe, expect, it } from 'vitest';
import { createUserHashVerifier, userHash, verifyUserHash } from './auth.js';

describe('user hash verification', () => {
  it('the remembering verifier answers exactly as verifyUserHash, before and after remembering', async () => {
    const verify = createUserHashVerifier(2);
    const good = await userHash('sk_1', 'alice');
    const cases: Array<[string, string, string, string | undefined]> = [
      ['right hash', 'sk_1', 'alice', good],
      ['upper-case hex', 'sk_1', 'alice', good.toUpperCase()],
      ['no hash', 'sk_1', 'alice', undefined],
      ['empty hash', 'sk_1', 'alice', ''],
      ['truncated', 'sk_1', 'alice', good.slice(0, 10)],
      ['other user', 'sk_1', 'bob', good],
      ['rotated secret', 'sk_2', 'alice', good],
      ['hash of the write key', 'sk_1', 'alice', await userHash('wk_1', 'alice')],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [name, secret, userId, presented] of cases) {
        expect(await verify(secret, userId, presented), `${name}, round ${round}`).toBe(await verifyUserHash(secret, userId, presented));
      }
    }
    expect(await verify('sk_1', 'alice', good)).toBe(true);
    expect(await verify('sk_2', 'alice', good)).toBe(false);
  });
});
