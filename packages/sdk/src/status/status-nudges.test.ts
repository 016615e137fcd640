import { DAY_MS, inHoldout, type Nudge } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { createStatus } from './create-status.js';
import { memoryKeyValue, T0, testTracker } from './fake-host.js';
import type { HttpGetResponse } from './status-host.js';

const never = () => new Promise<HttpGetResponse>(() => undefined);
const flush = () => new Promise((r) => setTimeout(r, 0));
const HOUR = 3_600_000;

const nudges: Nudge[] = [
  { id: 'invite', priority: 10, maxShows: 2, minIntervalMs: HOUR, placement: 'banner', content: { title: 'Invite your team' } },
  { id: 'tour', priority: 1, placement: 'banner' },
  { id: 'upgrade', priority: 5, placement: 'modal', segment: { event: 'Deployed', atLeast: 1 } },
];

async function setup(extra: Parameters<typeof createStatus>[1] = {}, kv = memoryKeyValue()) {
  const t = testTracker({ kv, route: never });
  const s = createStatus(t.host, { nudges, config: { rateLimit: null }, ...extra });
  await s.ready();
  return { t, s, kv };
}

describe('nudges', () => {
  it('returns the highest-priority eligible nudge for a placement, with its content', async () => {
    const { s, t } = await setup();
    expect(s.nudges.next('banner')).toMatchObject({ id: 'invite', content: { title: 'Invite your team' } });
    expect(s.nudges.next('modal')).toBeNull();
    t.host.track('Deployed');
    expect(s.nudges.next('modal')?.id).toBe('upgrade');
    expect(s.nudges.next()?.id).toBe('invite');
  });

  it('tracks interactions as events the facts understand', async () => {
    const { s, t } = await setup();
    s.nudges.shown('invite');
    s.nudges.convert('invite');
    expect(t.tracked.map((e) => [e.event, e.properties?.nudgeId])).toEqual([
      ['Nudge Shown', 'invite'],
      ['Nudge Converted', 'invite'],
    ]);
    expect(s.explain('invite').reasons.join()).toMatch(/converted/);
  });

  it('respects the min interval and max shows, and says why', async () => {
    const { s, t } = await setup();
    s.nudges.shown('invite');
    expect(s.nudges.next('banner')?.id).toBe('tour');
    expect(s.explain('invite')).toMatchObject({ eligible: false });
    expect(s.explain('invite').reasons.join()).toMatch(/min interval/);
    t.setNow(T0 + 2 * HOUR);
    expect(s.nudges.next('banner')?.id).toBe('invite');
    s.nudges.shown('invite');
    t.setNow(T0 + 10 * HOUR);
    expect(s.nudges.next('banner')?.id).toBe('tour');
    expect(s.explain('invite').reasons.join()).toMatch(/max shows reached \(2 of 2\)/);
  });

  it('keeps a dismissal across reloads; a snooze ends', async () => {
    const { s, kv } = await setup();
    s.nudges.dismiss('invite');
    s.nudges.snooze('tour', HOUR);
    expect(s.nudges.next('banner')).toBeNull();
    await flush();
    const reload = testTracker({ kv, route: never, nowMs: T0 + 2 * HOUR });
    const again = createStatus(reload.host, { nudges, config: { rateLimit: null } });
    await again.ready();
    expect(again.nudges.next('banner')?.id).toBe('tour');
    expect(again.explain('invite').reasons.join()).toMatch(/dismissed/);
  });

  it('applies the global rate limit across nudges', async () => {
    const { s } = await setup({ config: { rateLimit: { maxShows: 1, windowMs: DAY_MS } } });
    s.nudges.shown('tour');
    expect(s.nudges.next('banner')).toBeNull();
    expect(s.explain('invite').reasons.join()).toMatch(/rate limited/);
  });

  it('records a holdout exposure once and shows the next nudge instead', async () => {
    const held: Nudge[] = [{ id: 'big', priority: 9, holdout: 1 }, { id: 'small', priority: 1 }];
    const { s, t } = await setup({ nudges: held });
    expect(inHoldout('anon-1', 'big', 1)).toBe(true);
    expect(s.nudges.next()?.id).toBe('small');
    expect(s.nudges.next()?.id).toBe('small');
    expect(t.tracked.filter((e) => e.event === 'Nudge Held Out').map((e) => e.properties)).toEqual([{ nudgeId: 'big' }]);
    expect(s.explain('big')).toMatchObject({ eligible: false, holdout: true });
  });

  it('notifies subscribers once per burst of changes and isolates a throwing one', async () => {
    const { s, t } = await setup();
    let calls = 0;
    s.subscribe(() => {
      throw new Error('app bug');
    });
    const off = s.subscribe(() => calls++);
    t.host.track('A');
    t.host.track('B');
    await flush();
    expect(calls).toBe(1);
    off();
    t.host.track('C');
    await flush();
    expect(calls).toBe(1);
  });
});
