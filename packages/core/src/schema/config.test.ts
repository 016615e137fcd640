import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS_RULES } from '../status/evaluate-status.js';
import { MAX_PREDICATE_DEPTH, predicateSchema, projectConfigSchema } from './config.js';

const example = {
  status: { dormantDays: 21, cadenceMultiple: 4 },
  checklists: [{ id: 'setup', steps: [{ id: 'project', event: 'Project Created' }, { id: 'invite', event: 'User Invited', where: { role: { in: ['admin', 'editor'] } }, count: 2, weight: 2 }, { id: 'profile' }] }],
  nudges: [
    {
      id: 'cart',
      priority: 10,
      placement: 'banner',
      maxShows: 3,
      minIntervalMs: 3_600_000,
      endsAt: '2026-12-31T00:00:00Z',
      holdout: 0.1,
      content: { title: 'Still thinking?' },
      segment: { all: [{ event: 'Added To Cart', atLeast: 1, withinMs: 86_400_000 }, { event: 'Order Completed', since: 'Added To Cart', atMost: 0 }, { not: { status: ['churned'] } }] },
    },
  ],
  rateLimit: { maxShows: 2, windowMs: 86_400_000 },
  facts: { events: ['Project Created'], churnEvents: ['Account Closed'] },
  segments: { 'power-users': { any: [{ metric: 'sessions', atLeast: 20 }, { trait: 'plan', eq: 'team' }, { segment: 'rfm:champions' }, { checklist: 'setup', done: true }] } },
};

describe('projectConfigSchema', () => {
  it('accepts a full configuration unchanged', () => {
    expect(projectConfigSchema.parse(example)).toEqual(example);
    expect(projectConfigSchema.parse({})).toEqual({});
    expect(projectConfigSchema.parse({ status: DEFAULT_STATUS_RULES, rateLimit: null }).rateLimit).toBeNull();
  });

  it.each<[string, unknown]>([
    ['unknown top-level key', { statuses: {} }],
    ['negative threshold', { status: { dormantDays: -1 } }],
    ['unknown status rule', { status: { sleepyDays: 3 } }],
    ['duplicate checklist ids', { checklists: [{ id: 'a', steps: [] }, { id: 'a', steps: [] }] }],
    ['duplicate step ids', { checklists: [{ id: 'a', steps: [{ id: 's' }, { id: 's' }] }] }],
    ['step count 0', { checklists: [{ id: 'a', steps: [{ id: 's', event: 'E', count: 0 }] }] }],
    ['holdout above 1', { nudges: [{ id: 'n', holdout: 1.5 }] }],
    ['bad end time', { nudges: [{ id: 'n', endsAt: 'tomorrow' }] }],
    ['duplicate nudge ids', { nudges: [{ id: 'n' }, { id: 'n' }] }],
    ['nudge with an invalid segment', { nudges: [{ id: 'n', segment: { status: 'sleepy' } }] }],
    ['rate limit without window', { rateLimit: { maxShows: 1 } }],
  ])('rejects %s', (_, config) => expect(projectConfigSchema.safeParse(config).success).toBe(false));
});

describe('predicateSchema', () => {
  it.each<[unknown, boolean]>([
    [{ status: 'new' }, true],
    [{ status: [] }, false],
    [{ event: 'X', withinMs: 0 }, false],
    [{ event: 'X', since: 'Y', atMost: 0 }, true],
    [{ event: 'X', status: 'new' }, false],
    [{ metric: 'sessions', atLeast: 3 }, true],
    [{ metric: 'pageviews' }, false],
    [{ trait: 'plan', eq: 'pro', gt: 1 }, true],
    [{ trait: 'plan', like: 'p%' }, false],
    [{ checklist: 'setup', step: 'a', done: false }, true],
    [{ segment: '' }, false],
    [{ all: [{ any: [{ not: { segment: 'x' } }] }] }, true],
    [{}, false],
    ['status', false],
  ])('%j valid: %s', (p, ok) => expect(predicateSchema.safeParse(p).success).toBe(ok));

  it(`rejects nesting deeper than ${MAX_PREDICATE_DEPTH}`, () => {
    const nest = (n: number): unknown => (n ? { not: nest(n - 1) } : { segment: 'x' });
    expect(predicateSchema.safeParse(nest(MAX_PREDICATE_DEPTH)).success).toBe(true);
    expect(predicateSchema.safeParse(nest(MAX_PREDICATE_DEPTH + 1)).success).toBe(false);
  });

  it('rejects hostile nesting without overflowing the stack', () => {
    let p: unknown = { segment: 'x' };
    for (let i = 0; i < 100_000; i++) p = { any: [p] };
    expect(predicateSchema.safeParse(p).success).toBe(false);
  });
});
