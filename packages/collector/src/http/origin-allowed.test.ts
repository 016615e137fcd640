import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin-allowed.js';

describe('originAllowed', () => {
  it.each([
    [['https://app.example'], 'https://app.example', true],
    [['https://app.example'], 'https://APP.example', true],
    [['https://app.example/'], 'https://app.example', true],
    [['https://app.example'], 'https://app.example/', true],
    [['https://App.Example'], 'https://app.example', true],
    [['https://app.example'], 'https://app.example.evil', false],
    [['https://app.example'], 'http://app.example', false],
    [['https://app.example'], 'https://app.example:8443', false],
    [['*'], 'https://anything.example', true],
    [['https://a.example', '*'], 'null', true],
    [[], 'https://app.example', false],
    [['https://a.example', 'https://b.example'], 'https://b.example', true],
  ] as const)('%j allows %s: %s', (list, origin, expected) => {
    expect(originAllowed(list, origin)).toBe(expected);
    expect(originAllowed(list, origin), 'same answer from the cached set').toBe(expected);
  });

  it('sees a new list object as a new list (projects are re-read with new arrays after a change)', () => {
    expect(originAllowed(['https://a.example'], 'https://b.example')).toBe(false);
    expect(originAllowed(['https://a.example', 'https://b.example'], 'https://b.example')).toBe(true);
  });
});
