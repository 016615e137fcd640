import { expect, it } from 'vitest';
import type { JsonValue } from '../wire.js';
import { matchProperties, matchValue, type ValueCondition } from './match-value.js';

it.each<[ValueCondition, JsonValue | undefined, boolean]>([
  [{}, 'x', true],
  [{}, undefined, false],
  [{ eq: 3 }, 3, true],
  [{ eq: 3 }, '3', false],
  [{ eq: { a: [1] } }, { a: [1] }, true],
  [{ neq: 'a' }, undefined, true],
  [{ in: ['a', 'b'] }, 'b', true],
  [{ nin: ['a', 'b'] }, 'c', true],
  [{ nin: ['a'] }, undefined, true],
  [{ gt: 2, lte: 5 }, 5, true],
  [{ gt: 2, lt: 5 }, 5, false],
  [{ gte: '2026-01-01' }, '2026-03-01T00:00:00Z', true],
  [{ gt: 2 }, '3', false],
  [{ exists: true }, null, false],
  [{ exists: false }, null, true],
  [{ exists: false }, 0, false],
])('%j on %j → %s', (cond, value, expected) => expect(matchValue(cond, value)).toBe(expected));

it('matches own properties only', () => {
  expect(matchProperties({ constructor: { exists: true } }, {})).toBe(false);
  expect(matchProperties({ role: { eq: 'admin' } }, { role: 'admin' })).toBe(true);
  expect(matchProperties(undefined, undefined)).toBe(true);
});
