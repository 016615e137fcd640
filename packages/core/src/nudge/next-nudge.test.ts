import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, WireEvent } from '../wire.js';
import { DAY_MS, emptyFacts, type Facts } from '../facts/facts.js';
import { mergeFacts } from '../facts/merge-facts.js';
import { reduceEvents, WAYMARK_EVENTS } from '../facts/reduce-facts.js';
import { hash32, inHoldout } from './in-holdout.js';
import { explainNudge, nextNudge, type Nudge, type NudgeInput } from './next-nudge.js';

const NOW = Date.UTC(2026, 6, 1, 12);
const H = 3_600_000;
let n = 0;
const ev = (event: string, msAgo: number, properties: JsonObject = {}, streamId = 'tab'): WireEvent => ({
  type: 'track', event, properties, messageId: `m${n++}`, timestamp: new Date(NOW - msAgo).toISOString(), context: { streamId },
});
const shown = (id: string, msAgo: number, streamId?: string) => ev(WAYMARK_EVENTS.nudgeShown, msAgo, { nudgeId: id }, streamId);
const facts = (...events: WireEvent[]) => reduceEvents(emptyFacts(), [ev('Signed Up', 2 * DAY_MS), ...events]);
const input = (f: Facts, extra: Partial<NudgeInput> = {}): NudgeInput => ({ facts: f, userKey: 'user-1', ...extra });

const NUDGES: Nudge[] = [
  { id: 'tour', priority: 1, placement: 'banner', maxShows: 2, minIntervalMs: 4 * H },
  { id: 'upgrade', priority: 5, placement: 'modal', segment: { trait: 'plan', eq: 'free' } },
  { id: 'survey', placement: 'banner', startsAt: NOW - DAY_MS, endsAt: new Date(NOW + DAY_MS).toISOString() },
];

describe('explainNudge', () => {
  it.each<[string, WireEvent[], Partial<NudgeInput>, string, string | undefined, RegExp | null]>([
    ['eligible', [], {}, 'tour', undefined, null],
    ['other placement', [], {}, 'tour', 'modal', /^placement banner$/],
    ['dismissed is permanent', [ev(WAYMARK_EVENTS.nudgeDismissed, 300 * DAY_MS, { nudgeId: 'tour' })], {}, 'tour', undefined, /^dismissed$/],
    ['snoozed until a later time', [ev(WAYMARK_EVENTS.nudgeSnoozed, H, { nudgeId: 'tour', until: NOW + H })], {}, 'tour', undefined, /snoozed until 2026-07-01T13:00/],
    ['snooze over', [ev(WAYMARK_EVENTS.nudgeSnoozed, 2 * H, { nudgeId: 'tour', snoozeMs: H })], {}, 'tour', undefined, null],
    ['converted', [ev(WAYMARK_EVENTS.nudgeConverted, H, { nudgeId: 'tour' })], {}, 'tour', undefined, /^converted$/],
    ['max shows reached', [shown('tour', 30 * H), shown('tour', 10 * H)], {}, 'tour', undefined, /^max shows reached \(2 of 2\)$/],
    ['min interval', [shown('tour', H)], {}, 'tour', undefined, /^min interval until 2026-07-01T15:00/],
    ['min interval passed', [shown('tour', 5 * H)], {}, 'tour', undefined, null],
    ['rate limited across nudges', [shown('a', H), shown('b', 2 * H), shown('c', 3 * H)], {}, 'survey', undefined, /^rate limited$/],
    ['rate limit window passed', [shown('a', 25 * H), shown('b', 2 * H), shown('c', 3 * H)], {}, 'survey', undefined, null],
    ['rate limit configured', [shown('a', H)], { rateLimit: { maxShows: 1, windowMs: 4 * H } }, 'survey', undefined, /rate limited/],
    ['rate limit disabled', [shown('a', H), shown('b', 2 * H), shown('c', 3 * H)], { rateLimit: null }, 'survey', undefined, null],
    ['segment not matched', [], {}, 'upgrade', undefined, /^segment not matched: {"trait":"plan","eq":"free"}$/],
    ['unknown', [], {}, 'nope', undefined, /unknown nudge/],
  ])('%s', (_, events, extra, id, placement, reason) => {
    const e = explainNudge(id, NUDGES, input(facts(...events), extra), NOW, placement);
    expect(e.eligible).toBe(reason === null);
    if (reason) expect(e.reasons.join('; ')).toMatch(reason);
  });

  it.each([
    [NOW - 2 * DAY_MS, /not started/],
    [NOW + 2 * DAY_MS, /expired/],
    [NOW + DAY_MS, /expired/],
  ])('schedules the nudge (now %s)', (now, reason) => {
    expect(explainNudge('survey', NUDGES, input(facts()), now).reasons.join()).toMatch(reason);
  });

  it('lists every reason at once', () => {
    const e = explainNudge('tour', NUDGES, input(facts(shown('tour', H), shown('tour', 2 * H), ev(WAYMARK_EVENTS.nudgeDismissed, H / 2, { nudgeId: 'tour' }))), NOW);
    expect(e.reasons).toHaveLength(3);
    const upgrade = explainNudge('upgrade', NUDGES, input(facts(ev(WAYMARK_EVENTS.nudgeDismissed, H, { nudgeId: 'upgrade' }))), NOW);
    expect(upgrade.reasons).toEqual(['dismissed', 'segment not matched: {"trait":"plan","eq":"free"}']);
  });

  it('evaluates status segments with the given status rules', () => {
    const nudge: Nudge = { id: 'winback', segment: { status: 'dormant' } };
    const f = reduceEvents(emptyFacts(), [ev('Signed Up', 60 * DAY_MS), ev('Used', 5 * DAY_MS)]);
    expect(explainNudge('winback', [nudge], input(f), NOW).eligible).toBe(false);
    expect(explainNudge('winback', [nudge], input(f, { statusRules: { dormantDays: 4 } }), NOW).eligible).toBe(true);
    expect(nextNudge([nudge], input(f, { statusRules: { dormantDays: 4 } }), NOW)?.id).toBe('winback');
  });

  it('a nudge exempt from the rate limit is still shown', () => {
    const f = facts(shown('a', H), shown('b', 2 * H), shown('c', 3 * H));
    expect(explainNudge('x', [{ id: 'x', rateLimited: false }], input(f), NOW).eligible).toBe(true);
  });
});

describe('nextNudge', () => {
  const pro = (f: Facts, plan: string): Facts =>
    reduceEvents(f, [{ type: 'identify', messageId: `i${n++}`, userId: 'u', traits: { plan }, timestamp: new Date(NOW - DAY_MS).toISOString() }]);

  it('returns the highest-priority eligible nudge', () => {
    expect(nextNudge(NUDGES, input(pro(facts(), 'free')), NOW)?.id).toBe('upgrade');
    expect(nextNudge(NUDGES, input(pro(facts(), 'pro')), NOW)?.id).toBe('tour');
  });

  it('filters by placement and keeps list order between equal priorities', () => {
    expect(nextNudge(NUDGES, input(pro(facts(), 'free')), NOW, 'banner')?.id).toBe('tour');
    expect(nextNudge(NUDGES, input(facts(shown('tour', H))), NOW, 'banner')?.id).toBe('survey');
    expect(nextNudge(NUDGES, input(facts()), NOW, 'sidebar')).toBeUndefined();
  });

  it('counts shows from every device once, whatever the number of snapshot merges', () => {
    const laptop = facts(shown('tour', 30 * H, 'laptop'));
    const server = mergeFacts(laptop, facts(shown('tour', 20 * H, 'phone')));
    let local = mergeFacts(laptop, server);
    expect(explainNudge('tour', NUDGES, input(local), NOW).reasons).toEqual(['max shows reached (2 of 2)']);
    local = mergeFacts(mergeFacts(local, server), server);
    expect(explainNudge('tour', [{ id: 'tour', maxShows: 3 }], input(local), NOW).eligible).toBe(true);
  });

  it('skips a nudge the user is held out of and says so', () => {
    const nudges: Nudge[] = [{ id: 'big', priority: 9, holdout: 0.5 }, { id: 'small' }];
    const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    const held = users.filter((u) => inHoldout(u, 'big', 0.5));
    expect(held.length).toBeGreaterThan(60);
    expect(held.length).toBeLessThan(140);
    for (const u of users.slice(0, 20)) {
      const inHold = held.includes(u);
      expect(nextNudge(nudges, input(facts(), { userKey: u }), NOW)?.id).toBe(inHold ? 'small' : 'big');
      expect(explainNudge('big', nudges, input(facts(), { userKey: u }), NOW)).toMatchObject({ holdout: inHold, eligible: !inHold });
    }
  });
});

describe('holdout assignment', () => {
  it('is deterministic and close to the share', () => {
    const users = Array.from({ length: 20_000 }, (_, i) => `anon-${i.toString(36)}`);
    for (const share of [0.05, 0.1, 0.5]) {
      const held = users.filter((u) => inHoldout(u, 'welcome', share)).length / users.length;
      expect(Math.abs(held - share)).toBeLessThan(0.01);
    }
    expect(inHoldout('u1', 'n1', 0.3)).toBe(inHoldout('u1', 'n1', 0.3));
    expect(inHoldout('u1', 'n1', 0)).toBe(false);
    expect(inHoldout('u1', 'n1', 1)).toBe(true);
  });

  it('assigns independently per nudge', () => {
    const users = Array.from({ length: 10_000 }, (_, i) => `u${i}`);
    const both = users.filter((u) => inHoldout(u, 'a', 0.5) && inHoldout(u, 'b', 0.5)).length / users.length;
    expect(Math.abs(both - 0.25)).toBeLessThan(0.02);
  });

  it('matches a BigInt reference of FNV-1a + murmur3 fmix32 (so every runtime assigns alike)', () => {
    const M = 0xffffffffn;
    const ref = (text: string) => {
      let h = 0x811c9dc5n;
      for (const c of text.split('')) h = ((h ^ BigInt(c.charCodeAt(0))) * 0x01000193n) & M;
      h = ((h ^ (h >> 16n)) * 0x85ebca6bn) & M;
      h = ((h ^ (h >> 13n)) * 0xc2b2ae35n) & M;
      return Number(h ^ (h >> 16n));
    };
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => hash32(text) === ref(text)));
  });
});
