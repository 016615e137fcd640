import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../app.fixture.js';

const built = existsSync(new URL('../../../dashboard/dist/assets.js', import.meta.url));

describe.skipIf(!built)('GET /dashboard (the built @waymark/dashboard, served from memory)', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it('serves the page, its script and its style under a strict CSP, and 404s anything else', async () => {
    f = await createFixture('memory');
    const page = await f.get('/dashboard');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'; style-src 'self'/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('<script src="/dashboard/app.js" defer></script>');
    const js = await f.get('/dashboard/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await js.text()).length).toBeGreaterThan(10_000);
    expect((await f.get('/dashboard/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await f.get('/dashboard/secret.txt')).status).toBe(404);
    expect((await f.get('/dashboard/constructor')).status).toBe(404);
  });
});
