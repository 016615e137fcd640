// Runs in plain Node (no window, document, localStorage or IndexedDB), as during server-side rendering.
import { expect, it } from 'vitest';

it('imports and even runs under server-side rendering without touching browser globals or throwing', async () => {
  const { createTracker, createWaymark } = await import('./index.js');
  const errors: string[] = [];
  const t = createWaymark({ writeKey: 'k', host: 'http://127.0.0.1:9' });
  t.on('error', (e) => errors.push(e.code));
  expect(() => t.track('rendered on the server')).not.toThrow();
  expect(t.user().anonymousId).toMatch(/^[0-9a-f-]{36}$/);
  expect(typeof createTracker).toBe('function');
  await t.ready();
  expect(errors).toContain('storage');
});
