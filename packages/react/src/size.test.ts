import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build config without declarations
import { options } from '../esbuild.config.mjs';

/** The binding's own code (React and the SDK are external), brotli: measured 2026-12-06 at 1129 B, rounded up plus one 64 B step for noise. */
const BUDGET_BYTES = 1216;

describe('@waymark/react bundle', () => {
  it(`stays within ${BUDGET_BYTES} B brotli, React and the SDK external, marked 'use client'`, async () => {
    const result = await build({ ...options, write: false, logLevel: 'silent' });
    const code = result.outputFiles![0]!.text;
    const size = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(`@waymark/react dist/index.js: ${code.length} B min, ${size} B brotli (budget ${BUDGET_BYTES})`);
    expect(size).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(code.startsWith("'use client';")).toBe(true);
    expect(code).toMatch(/from"react"/);
    expect(code).toMatch(/from"@waymark\/sdk"/);
  });
});
