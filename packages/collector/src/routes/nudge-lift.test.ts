import { describe, expect, it } from 'vitest';
import { nudgeLift, type LiftEvent } from './nudge-lift.js';

const ev = (name: string, person: string, timestampMs: number, nudgeId?: string): LiftEvent => ({ name, person, timestampMs, ...(nudgeId ? { nudgeId } : {}) });

describe('nudgeLift', () => {
  // 4 shown users (3 convert after the show, 1 converted before it: not counted), 4 held out (1 converts).
  const events: LiftEvent[] = [
    ...['s1', 's2', 's3', 's4'].map((p) => ev('Nudge Shown', p, 100, 'n')),
    ...['h1', 'h2', 'h3', 'h4'].map((p) => ev('Nudge Held Out', p, 100, 'n')),
    ev('Goal', 's1', 150),
    ev('Goal', 's2', 200),
    ev('Goal', 's3', 100),
    ev('Goal', 's4', 50),
    ev('Goal', 'h1', 300),
    ev('Nudge Shown', 'x', 100, 'other'),
  ];

  it('compares the conversion of shown users with held-out users on a goal event after exposure', () => {
    const [r] = nudgeLift(['n'], events, 'Goal');
    expect(r).toMatchObject({ nudgeId: 'n', goal: 'Goal', shown: { users: 4, converted: 3, rate: 0.75 }, heldOut: { users: 4, converted: 1, rate: 0.25 }, excluded: 0 });
    expect(r!.lift).toBeCloseTo(0.5);
    expect(r!.relativeLift).toBeCloseTo(2);
    expect(r!.z).toBeCloseTo(0.5 / Math.sqrt(0.5 * 0.5 * 0.5));
  });

  it('leaves out a person exposed both ways and counts each person once', () => {
    const [r] = nudgeLift(['n'], [...events, ev('Nudge Held Out', 's1', 90, 'n'), ev('Nudge Shown', 's2', 400, 'n')], 'Goal');
    expect(r!.excluded).toBe(1);
    expect(r!.shown.users).toBe(3);
    expect(r!.heldOut.users).toBe(4);
  });

  it('without a goal counts Nudge Converted for the shown group and reports no lift', () => {
    const [r] = nudgeLift(['n'], [...events, ev('Nudge Converted', 's1', 120, 'n'), ev('Nudge Converted', 'x', 120, 'other')]);
    expect(r).toMatchObject({ goal: 'Nudge Converted', shown: { users: 4, converted: 1 }, heldOut: { users: 4, converted: 0 }, lift: null, z: null });
  });

  it('reports null rates for a nudge nobody saw', () => {
    expect(nudgeLift(['none'], events, 'Goal')[0]).toMatchObject({ shown: { users: 0, rate: null }, heldOut: { users: 0, rate: null }, lift: null });
  });
});
