// Two builds of src/index.ts, minified by esbuild:
// - dist/index.js (ESM, for bundlers): `idb` and `@waymark/core` stay external, so an app that already
//   uses idb carries one copy and the bundler tree-shakes across packages (both are dependencies);
// - dist/waymark.iife.js (script tag): everything bundled, one global `Waymark` with the same named exports.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';
import esbuild from 'rollup-plugin-esbuild';

/**
 * Internal method names (factory results and ports, never persisted, never public, and not the name of
 * any built-in) shortened in the output: about 130 bytes brotli of the 6 KB budget. A name added here
 * must not be a property of any browser or library object the SDK touches.
 */
const INTERNAL_PROPS =
  /^(enqueue|commit|unsent|acknowledge|beacon|drain|schedule|touch|refresh|rotate|setUserId|attach|discard|retryAtKey|delivered|written|watchNavigation|openStorage|lifecycle|onHidden|onResume|onOnline|microtask|oldest|scheduler|transport|uuid|report|started|watch|env|lock)$/;

const mangle = () => ({
  name: 'mangle-internal-props',
  renderChunk: async (code) => (await transform(code, { minify: true, mangleProps: INTERNAL_PROPS, target: 'es2022' })).code,
});

const plugins = [nodeResolve({ browser: true }), esbuild({ minify: true, target: 'es2022', tsconfig: 'tsconfig.build.json' }), mangle()];

export default [
  {
    input: 'src/index.ts',
    external: ['idb', /^@waymark\/core/],
    output: { file: 'dist/index.js', format: 'es' },
    plugins,
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/waymark.iife.js', format: 'iife', name: 'Waymark' },
    plugins,
  },
];
