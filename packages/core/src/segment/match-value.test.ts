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
  [{ neq: 'a' }, 'a', false],
  [{ in: ['a', 'b'] }, 'b', true],
  [{ in: ['a', 'b'] }, undefined, false],
  [{ gt: 2, lt: 6 }, 5, true],
  [{ gt: 2, lt: 5 }, 5, false],
  [{ gt: 5 }, 5, false],
  [{ gt: '2026-01-01' }, '2026-03-01T00:00:00Z', true],
  [{ lt: '2026-01-01' }, '2026-03-01T00:00:00Z', false],
  [{ gt: 2 }, '3', false],
  [{ exists: true }, null, false],
  [{ exists: false }, null, true],
  [{ exists: false }, 0, false],
  [{ exists: true, eq: 0 }, 0, true],
])('%j on %j → %s', (cond, value, expected) => expect(matchValue(cond, value)).toBe(expected));

it('matches own properties only', () => {
  expect(matchProperties({ constructor: { exists: true } }, {})).toBe(false);
  expect(matchProperties({ role: { eq: 'admin' } }, { role: 'admin' })).toBe(true);
  expect(matchProperties({ role: { eq: 'admin' }, n: { gt: 1 } }, { role: 'admin', n: 1 })).toBe(false);
  expect(matchProperties(undefined, undefined)).toBe(true);
});
