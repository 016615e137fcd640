import { brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { rollup, type RollupOptions } from 'rollup';
import { describe, expect, it } from 'vitest';
import * as sdk from './index.js';

/** The script-tag build's budget (issue 2), in brotli bytes; peers: Snowplow 15.3 KB, Segment 26.8 KB, Amplitude 56.5 KB. */
const SCRIPT_TAG_BUDGET_BYTES = 6 * 1024;

const brotli = (code: string) => brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Builds with the package's own rollup config, in memory, so the budget is checked on the current source. */
async function build(format: 'iife' | 'es'): Promise<string> {
  const configUrl = new URL('../rollup.config.mjs', import.meta.url);
  const configs = (await import(configUrl.href)).default as RollupOptions[];
  const config = configs.find((c) => (c.output as { format: string }).format === format)!;
  const cwd = process.cwd();
  process.chdir(fileURLToPath(new URL('..', import.meta.url)));
  try {
    const bundle = await rollup({ ...config, onwarn: () => undefined });
    const { output } = await bundle.generate(config.output as object);
    return output[0].code;
  } finally {
    process.chdir(cwd);
  }
}

describe('bundle budget and shape', () => {
  it(`keeps the script-tag build within ${SCRIPT_TAG_BUDGET_BYTES} bytes brotli, without zod`, async () => {
    const code = await build('iife');
    const size = brotli(code);
    console.log(`waymark.iife.js: ${code.length} B min, ${size} B brotli (budget ${SCRIPT_TAG_BUDGET_BYTES})`);
    expect(size).toBeLessThanOrEqual(SCRIPT_TAG_BUDGET_BYTES);
    expect(code).not.toMatch(/\bzod\b|ZodError/);
  }, 60_000);

  it('defines one global, Waymark, with the ESM entry’s named exports, and touches nothing else when loaded', async () => {
    const code = await build('iife');
    // A bare context with no window, document or storage: loading must not reach for any of them.
    const context = vm.createContext({});
    const before = new Set(Object.getOwnPropertyNames(vm.runInContext('globalThis', context)));
    vm.runInContext(code, context);
    const after = Object.getOwnPropertyNames(vm.runInContext('globalThis', context)).filter((k) => !before.has(k));
    expect(after).toEqual(['Waymark']);
    expect(Object.keys(vm.runInContext('Waymark', context)).sort()).toEqual(Object.keys(sdk).sort());
  }, 60_000);

  it('keeps idb and @waymark/core external in the npm (ESM) build', async () => {
    const code = await build('es');
    expect(code).toMatch(/from\s*"idb"/);
    expect(code).not.toMatch(/createObjectStore\("events"[\s\S]*function openDB/);
  }, 60_000);
});
