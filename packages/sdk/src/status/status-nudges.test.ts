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

  it('keeps the nudge on screen for the page that showed it, even when that impression used up its cap', async () => {
    const { s, kv } = await setup();
    s.nudges.shown('invite');
    expect(s.nudges.next('banner')?.id).toBe('invite');
    expect(s.explain('invite').reasons.join()).toMatch(/min interval/);
    await flush();
    const reload = testTracker({ kv, route: never });
    const again = createStatus(reload.host, { nudges, config: { rateLimit: null } });
    await again.ready();
    expect(again.nudges.next('banner')?.id).toBe('tour');
    s.nudges.dismiss('invite');
    expect(s.nudges.next('banner')?.id).toBe('tour');
  });

  it('lets a higher-priority nudge take the place of the one on screen', async () => {
    const { s } = await setup();
    s.nudges.shown('tour');
    expect(s.nudges.next('banner')?.id).toBe('invite');
  });

  it('respects the min interval and max shows across page views, and says why', async () => {
    const { t, kv } = await setup();
    const page = async () => {
      const p = createStatus(testTracker({ kv, route: never, nowMs: now }).host, { nudges, config: { rateLimit: null } });
      await p.ready();
      return p;
    };
    let now = T0;
    const s = await page();
    s.nudges.shown('invite');
    await flush();
    expect((await page()).nudges.next('banner')?.id).toBe('tour');
    expect(s.explain('invite')).toMatchObject({ eligible: false });
    expect(s.explain('invite').reasons.join()).toMatch(/min interval/);
    now = T0 + 2 * HOUR;
    const later = await page();
    expect(later.nudges.next('banner')?.id).toBe('invite');
    later.nudges.shown('invite');
    await flush();
    now = T0 + 10 * HOUR;
    const last = await page();
    expect(last.nudges.next('banner')?.id).toBe('tour');
    expect(last.explain('invite').reasons.join()).toMatch(/max shows reached \(2 of 2\)/);
    void t;
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
    const { s, kv } = await setup({ config: { rateLimit: { maxShows: 1, windowMs: DAY_MS } } });
    s.nudges.shown('tour');
    expect(s.nudges.next('banner')?.id).toBe('tour'); // still on screen
    expect(s.explain('invite').reasons.join()).toMatch(/rate limited/);
    await new Promise((r) => setTimeout(r, 0));
    const reload = createStatus(testTracker({ kv, route: never }).host, { nudges, config: { rateLimit: { maxShows: 1, windowMs: DAY_MS } } });
    await reload.ready();
    expect(reload.nudges.next('banner')).toBeNull();
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

describe('nudges before the restore', () => {
  it('offers no nudge until the stored caps and dismissals are known', async () => {
    const kv = memoryKeyValue();
    const first = await setup({}, kv);
    first.s.nudges.dismiss('invite');
    await flush();
    const t = testTracker({ kv, route: never });
    const s = createStatus(t.host, { nudges, config: { rateLimit: null } });
    expect(s.nudges.next('banner')).toBeNull();
    await s.ready();
    expect(s.nudges.next('banner')?.id).toBe('tour');
  });
});
