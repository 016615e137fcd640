import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSdkHarness, type SdkHarness } from './support/sdk-harness.js';

/**
 * The device's status after a reload made right after a dismissal, in real Chromium: the page dismisses a nudge
 * and completes an onboarding step, then reloads in the next task, before the status record's IndexedDB write
 * can have committed. The collector is unreachable all along, so no server snapshot can bring the change back:
 * what the reloaded page shows at `ready()` comes from the device alone. Before the fix, the aborted write lost
 * both (the nudge came back, the step showed undone) until the next snapshot.
 */
const LOOPS = 10;
const nudges = Array.from({ length: LOOPS }, (_, i) => ({ id: `n${i}`, priority: LOOPS - i }));
const checklists = [{ id: 'setup', steps: Array.from({ length: LOOPS }, (_, i) => ({ id: `s${i}` })) }];

/** Records, at `ready()`, the nudge to show and the steps done, before any network answer could be joined. */
const AT_READY = `waymark.ready().then(function () {
  var next = waymark.nudges.next();
  window.atReady = { next: next && next.id, done: waymark.onboarding('setup').done };
});`;

declare global {
  interface Window {
    atReady?: { next: string | null; done: number };
  }
}

describe('status after a reload right after a dismissal, collector unreachable (Chromium)', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness({ proxy: { kind: 'down' }, options: { nudges, checklists, config: { rateLimit: null }, remoteConfig: false } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`keeps the dismissal and the step in each of ${LOOPS} immediate reloads`, async () => {
    const page = await h.open({}, AT_READY);
    const atReady = async () => {
      await page.waitForFunction(() => window.atReady !== undefined, undefined, { timeout: 20_000 });
      return (await page.evaluate(() => window.atReady))!;
    };
    let before = await atReady();
    expect(before).toEqual({ next: 'n0', done: 0 });
    const lost: Array<{ reload: number; dismissed: string | null; after: Window['atReady'] }> = [];
    for (let reload = 0; reload < LOOPS && before.next; reload++) {
      const reloaded = page.waitForEvent('load', { timeout: 20_000 });
      // The nudge on screen is dismissed and the next step completed, and the page reloads in the next task.
      await page.evaluate(({ next, done }) => {
        window.waymark.nudges.dismiss(next!);
        window.waymark.completeStep('setup', `s${done}`);
        setTimeout(() => location.reload(), 0);
      }, before);
      await reloaded;
      const after = await atReady();
      const index = Number(before.next!.slice(1));
      if (after.next !== (index + 1 < LOOPS ? `n${index + 1}` : null) || after.done !== before.done + 1) lost.push({ reload, dismissed: before.next, after });
      before = after;
    }
    expect(lost).toEqual([]);
    expect(before).toEqual({ next: null, done: LOOPS });
    // No status read was answered: everything shown came from the device.
    const reads = h.proxy.requests.filter((r) => r.path.startsWith('/v1/status'));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((r) => r.status === 0)).toBe(true);
    // The journal entries were adopted and removed once stored.
    await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('waymark:status:')), undefined, { timeout: 20_000 });
  }, 90_000);
});
