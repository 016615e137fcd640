// The survival case of bench/peers.bench.mjs: endpoint down (503), events tracked, the page reloaded `delayMs`
// later (or at once), the library started again, the page closed; endpoint back up, the page reopened and the
// library started: distinct events counted at the sink once all arrived or nothing new came for 15 s (at most
// 45 s), both counted from the end of the library's own recovery delay (adapter `recoveryMs`).
import { openAndInit, withBrowser } from './browser.mjs';

/**
 * Of `n` events tracked while library `a`'s endpoint is down, how many reach the sink after a reload `delayMs` later.
 * @returns {Promise<{ kept: number, sec: number }>} the count, and seconds from reopening to the count
 */
export async function survive(sink, a, delayMs, args, n) {
  const tag = `s${delayMs}`;
  return withBrowser(a.id, 120_000, async (context) => {
    sink.setDown(a.id, true);
    try {
      const { page } = await openAndInit(context, sink.origin, a, args);
      await page.evaluate(({ n, tag }) => { for (let i = 0; i < n; i++) window.bench.track(`bench~${tag}~${i}`); }, { n, tag });
      if (delayMs) await page.waitForTimeout(delayMs);
      await page.reload();
      await page.evaluate(`(${a.init})(${JSON.stringify(args)})`);
      await page.waitForTimeout(1_000);
      await page.close({ runBeforeUnload: false });
    } finally {
      sink.setDown(a.id, false);
    }
    await openAndInit(context, sink.origin, a, args);
    // The quiet window starts once the library's own recovery delay (adapter.recoveryMs) has passed.
    const reopened = Date.now();
    let last = -1;
    let lastChange = reopened + (a.recoveryMs ?? 0);
    const until = lastChange + 45_000;
    for (;;) {
      const got = sink.count(a.id, tag);
      if (got !== last) [last, lastChange] = [got, Math.max(Date.now(), lastChange)];
      if (got >= n || Date.now() - lastChange > 15_000 || Date.now() > until) {
        return { kept: got, sec: (Date.now() - reopened) / 1000 };
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  });
}
