/** The Worker bundle: nothing Node-only reaches it, the entry exports only what workerd accepts, and its size is reported. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundleWorker } from './miniflare.fixture.js';

describe('Worker bundle', () => {
  it('has no Node-only module and exports only the handlers and the Durable Object class', async () => {
    const bundle = await bundleWorker(undefined, { minify: true });
    const [output] = Object.values(bundle.metafile.outputs);
    // Imports left to the runtime: only the Workers module (no node:*, no nodejs_compat needed).
    expect(output!.imports.filter((i) => i.external).map((i) => i.path)).toEqual(['cloudflare:workers']);
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.filter((path) => /better-sqlite3|@hono\/node-server|\/src\/node\//.test(path))).toEqual([]);
    expect(output!.exports.sort()).toEqual(['WaymarkCollector', 'default']);
    const gzip = gzipSync(bundle.code).byteLength;
    console.log(`Worker bundle (esbuild, minified): ${(bundle.bytes / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzip`);
    // Workers' limit is 3 MB gzip on the free plan (10 MB paid): keep well under it.
    expect(gzip).toBeLessThan(1024 * 1024);
  });
});
