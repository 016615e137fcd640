import { describe, expect, it } from 'vitest';
import { preferSession, touchSession, type SessionState } from './session.js';

const limits = { sessionTimeoutMs: 30 * 60_000, maxSessionMs: 12 * 3_600_000 };
const min = 60_000;
const base: SessionState = { id: 's1', startedAtMs: 1_000_000, lastActivityAtMs: 1_000_000 + 10 * min, count: 4 };

describe('touchSession: when a new session starts', () => {
  it.each([
    ['no session yet', undefined, 0, true],
    ['activity right after the last', base, base.lastActivityAtMs + 1, false],
    ['29 min 59 s idle', base, base.lastActivityAtMs + 30 * min - 1_000, false],
    ['exactly 30 min idle', base, base.lastActivityAtMs + 30 * min, true],
    ['a day idle (tab frozen or restored from bfcache)', base, base.lastActivityAtMs + 24 * 60 * min, true],
    ['busy but past the maximum length', { ...base, lastActivityAtMs: base.startedAtMs + 12 * 60 * min - 1 }, base.startedAtMs + 12 * 60 * min, true],
    ['device clock moved before the session start', base, base.startedAtMs - 1, true],
  ] as const)('%s → %s', (_label, state, now, expected) => {
    expect(touchSession(state, now, limits, () => 'x').started).toBe(expected);
  });
});

describe('touchSession', () => {
  const ids = () => 'new-id';
  it.each([
    ['keeps the session and moves last activity', base, base.lastActivityAtMs + min, { ...base, lastActivityAtMs: base.lastActivityAtMs + min }, false],
    ['never moves last activity backwards', base, base.lastActivityAtMs - min, base, false],
    ['starts the first session with count 1', undefined, 5, { id: 'new-id', startedAtMs: 5, lastActivityAtMs: 5, count: 1 }, true],
    ['rotates after inactivity and increments the count', base, base.lastActivityAtMs + 31 * min, { id: 'new-id', startedAtMs: base.lastActivityAtMs + 31 * min, lastActivityAtMs: base.lastActivityAtMs + 31 * min, count: 5 }, true],
  ] as const)('%s', (_label, state, now, expected, started) => {
    expect(touchSession(state, now, limits, ids)).toEqual({ state: expected, started });
  });
});

describe('preferSession', () => {
  const mine: SessionState = { id: 'm', startedAtMs: 100_000, lastActivityAtMs: 200_000, count: 3 };
  const at = (id: string, startedAtMs: number): SessionState => ({ id, startedAtMs, lastActivityAtMs: startedAtMs, count: 3 });
  it.each([
    ['nothing written by others', mine, undefined, mine],
    ['no session of my own yet', undefined, at('t', 5), at('t', 5)],
    ['their copy of the same session', mine, { ...mine, lastActivityAtMs: 250_000 }, { ...mine, lastActivityAtMs: 250_000 }],
    ['a session started later (rotation or newSession in another tab)', mine, at('z', 160_000), at('z', 160_000)],
    ['a stale older session (a frozen tab woke up)', mine, at('a', 10_000), mine],
    ['a race, theirs has the smaller id', mine, at('a', 101_000), at('a', 101_000)],
    ['a race, mine has the smaller id', mine, at('z', 99_000), mine],
  ] as const)('%s', (_label, a, b, expected) => {
    expect(preferSession(a, b)).toEqual(expected);
  });
});
