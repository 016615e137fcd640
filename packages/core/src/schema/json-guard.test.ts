import { describe, expect, it } from 'vitest';
import { checkJson, FORBIDDEN_KEYS, isForbiddenKey } from './json-guard.js';

describe('json guard', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'proto', '__proto', 'Constructor', '', 'toString'])('isForbiddenKey(%j) agrees with FORBIDDEN_KEYS', (key) => {
    expect(isForbiddenKey(key)).toBe(FORBIDDEN_KEYS.has(key));
  });

  it.each([
    ['{"__proto__":{"admin":true}}', '__proto__'],
    ['{"a":{"constructor":{"prototype":1}}}', 'a.constructor'],
    ['{"a":[{"b":1},{"prototype":2}]}', 'a[1].prototype'],
  ])('rejects a prototype-polluting key parsed from %s, with its path', (json, path) => {
    expect(checkJson(JSON.parse(json), 10)?.path).toBe(path);
  });

  it('accepts the same shapes with ordinary keys', () => {
    expect(checkJson(JSON.parse('{"a":{"b":[{"c":1}]},"proto":true}'), 10)).toBeNull();
  });
});
