import { emptyFacts } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import type { CachedConfig } from './project-config-cache.js';
import { createStatusAnswerMemo, type StatusAnswerInput } from './status-answer-memo.js';

const T = Date.UTC(2026, 10, 25, 12, 0, 0);
const config: CachedConfig = { config: {}, version: 3 };
const facts = { ...emptyFacts(), first: T - 1000 };
const base: StatusAnswerInput = {
  projectId: 'p1', askedUserId: 'alice', facts, factsJson: JSON.stringify(facts), version: 7, profileUserId: 'alice', answeredUserId: 'alice',
  anonymousId: undefined, config, status: { status: 'new', reason: 'first seen 0d ago' }, segments: ['trial'], population: undefined,
};

describe('status answer memo', () => {
  it('answers the same bytes as serialising the answer, for each instant', () => {
    const memo = createStatusAnswerMemo();
    for (const asOfMs of [T, T + 1, T + 86_400_000]) {
      const body = memo.body(memo.answer(base), asOfMs);
      expect(body).toBe(JSON.stringify({ userId: 'alice', facts, status: base.status, segments: ['trial'], asOf: new Date(asOfMs).toISOString() }));
    }
  });

  it('reuses an answer only while nothing it depends on changed', () => {
    const memo = createStatusAnswerMemo();
    const first = memo.answer(base);
    expect(memo.answer({ ...base }).etag).toBe(first.etag);
    const changes: Array<[string, Partial<StatusAnswerInput>]> = [
      ['profile version', { version: 8 }],
      ['facts', { facts: { ...facts, last: T }, factsJson: JSON.stringify({ ...facts, last: T }) }],
      ['config version', { config: { config: {}, version: 4 } }],
      ['status', { status: { status: 'active', reason: 'last active 0d ago' } }],
      ['status reason', { status: { status: 'new', reason: 'first seen 1d ago' } }],
      ['segments', { segments: [] }],
      ['reader', { askedUserId: 'bob', answeredUserId: 'bob', profileUserId: 'bob' }],
      ['anonymous reader', { askedUserId: undefined, anonymousId: 'alice', answeredUserId: undefined }],
    ];
    for (const [name, change] of changes) {
      const changed = memo.answer({ ...base, ...change });
      const fresh = createStatusAnswerMemo().answer({ ...base, ...change });
      // The ETag covers the version, not the facts bytes (storage bumps the version on every change).
      expect(`${changed.etag}${changed.head}`, name).not.toBe(`${first.etag}${first.head}`);
      expect(changed, name).toEqual(fresh);
    }
  });

  it('serialises an anonymous answer without the facts JSON at hand, within a tiny budget', () => {
    const memo = createStatusAnswerMemo(10);
    const input = { ...base, askedUserId: undefined, factsJson: undefined, profileUserId: '', answeredUserId: undefined, anonymousId: 'anon-1', segments: [] };
    for (let i = 0; i < 2; i++) {
      expect(JSON.parse(memo.body(memo.answer(input), T))).toEqual({ anonymousId: 'anon-1', facts, status: base.status, segments: [], asOf: new Date(T).toISOString() });
    }
  });
});
