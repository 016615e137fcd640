import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSdkHarness, type SdkHarness } from './support/sdk-harness.js';

describe('SDK without IndexedDB (private mode, blocked storage)', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness();
    await h.browser.context.addInitScript(() => {
      // Safari private mode / blocked third-party storage: touching IndexedDB throws.
      Object.defineProperty(window, 'indexedDB', {
        configurable: true,
        get() {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        },
      });
    });
  });
  afterAll(async () => h?.close());

  it('(6) keeps the page working and delivers events from memory, reporting the fallback', async () => {
    const page = await h.open();
    const result = await page.evaluate(async () => {
      for (let i = 0; i < 10; i++) window.waymark.track('no idb', { i });
      await window.waymark.flush();
      document.body.dataset.after = 'still running';
      return { body: document.body.dataset.after, errors: window.waymarkErrors };
    });
    expect(result.body).toBe('still running');
    expect(result.errors).toContain('storage');
    const rows = await h.waitForStored(10, 60_000, 'no idb');
    expect(rows).toHaveLength(10);
    await page.close();
  });
});
