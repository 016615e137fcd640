import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = new URL('../dist/', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { sizeBudget: { brotliBytes: number } };
const brotli = (s: string) => brotliCompressSync(s, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/**
 * The dashboard's JavaScript and CSS, brotli, against `sizeBudget.brotliBytes` in package.json (also printed by the
 * build). uPlot is about 20.4 KB of it (measured 2026-12-06: 32.0 KB in all); growth past the budget is a decision.
 */
describe.skipIf(!existsSync(new URL('app.js', dist)))('dashboard size', () => {
  it(`keeps app.js + app.css within the budget`, () => {
    const js = brotli(readFileSync(new URL('app.js', dist), 'utf8'));
    const css = brotli(readFileSync(new URL('app.css', dist), 'utf8'));
    console.log(`dashboard: JS ${js} B + CSS ${css} B = ${js + css} B brotli (budget ${pkg.sizeBudget.brotliBytes})`);
    expect(js + css).toBeLessThanOrEqual(pkg.sizeBudget.brotliBytes);
  });

  it('embeds the same files the collector serves', async () => {
    const { DASHBOARD_ASSETS } = (await import(new URL('assets.js', dist).href)) as { DASHBOARD_ASSETS: Record<string, { body: string }> };
    expect(DASHBOARD_ASSETS['app.js']!.body).toBe(readFileSync(new URL('app.js', dist), 'utf8'));
    expect(DASHBOARD_ASSETS['']!.body).toContain('<script src="/dashboard/app.js" defer></script>');
  });
});
