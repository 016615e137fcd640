/** Test fixture: the Worker entry bundled with esbuild (as wrangler would) and run in workerd through Miniflare. */
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { Miniflare, type MiniflareOptions } from 'miniflare';

const src = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** The compatibility date the example's wrangler.jsonc uses too. */
export const COMPATIBILITY_DATE = '2026-04-01';

export interface WorkerBundle {
  code: string;
  bytes: number;
  metafile: Metafile;
}

/** For test Workers: 'vitest' is the in-workerd shim (describe/it register; expect is vitest's own @vitest/expect). */
const vitestShim: Plugin = {
  name: 'vitest-in-workerd',
  setup(b) {
    b.onResolve({ filter: /^vitest$/ }, () => ({ path: src('collector/src/worker/contract-in-workerd/vitest-shim.fixture.ts') }));
  },
};

/** Bundles a Worker module (by default the collector's entry) from source, `cloudflare:workers` left to the runtime. */
export async function bundleWorker(entry = src('collector/src/worker/index.ts'), options: { minify?: boolean } = {}): Promise<WorkerBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    // `node:*` stays external so a Node-only import shows in the output's imports instead of failing the build.
    external: ['cloudflare:workers', 'node:*'],
    alias: { '@waymark/core/schema': src('core/src/schema/index.ts'), '@waymark/core': src('core/src/index.ts') },
    metafile: true,
    minify: options.minify ?? false,
    plugins: [vitestShim],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return { code, bytes: result.outputFiles[0]!.contents.byteLength, metafile: result.metafile };
}

/** Miniflare running `code` with the collector's Durable Object binding and `vars` as plain-text bindings. */
export function startWorker(code: string, vars: Record<string, string> = {}, extra: Partial<MiniflareOptions> = {}): Miniflare {
  return new Miniflare({
    modules: true,
    script: code,
    compatibilityDate: COMPATIBILITY_DATE,
    durableObjects: { WAYMARK_COLLECTOR: { className: 'WaymarkCollector', useSQLite: true } },
    bindings: vars,
    ...extra,
  } as MiniflareOptions);
}
