// Bundle sizes of the browser SDK (after `pnpm -r build`): the two script-tag builds, @waymark/react's own code, and what an app's bundler
// ships for `createTracker(...).track('x')` and `createWaymark(...).track('x')` (esbuild, minified, idb included).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sizes } from './bundle-sizes.mjs';

const sdkDir = fileURLToPath(new URL('../packages/sdk/', import.meta.url));

async function appBundle(factory) {
  const result = await build({
    stdin: { contents: `import { ${factory} } from '@waymark/sdk';\n${factory}({ writeKey: 'wk', host: 'https://c.example' }).track('x');`, resolveDir: fileURLToPath(new URL('.', import.meta.url)) },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    // Not the repository's tsconfig: its `paths` map @waymark/* to the TypeScript sources, and an app gets dist/.
    tsconfigRaw: '{}',
  });
  return result.outputFiles[0].text;
}

const rows = [
  ['script tag: dist/waymark.iife.js', sizes(readFileSync(`${sdkDir}dist/waymark.iife.js`, 'utf8'))],
  ['script tag: dist/waymark-tracker.iife.js', sizes(readFileSync(`${sdkDir}dist/waymark-tracker.iife.js`, 'utf8'))],
  ['@waymark/react dist/index.js (own code)', sizes(readFileSync(new URL('../packages/react/dist/index.js', import.meta.url), 'utf8'))],
  ['npm: createTracker(...).track()', sizes(await appBundle('createTracker'))],
  ['npm: createWaymark(...).track()', sizes(await appBundle('createWaymark'))],
];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('SDK bundle size (bytes; KB = 1024 B)');
console.log(`${'bundle'.padEnd(42)} ${'min'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
for (const [name, s] of rows) console.log(`${name.padEnd(42)} ${kb(s.min).padStart(9)} ${kb(s.gzip).padStart(9)} ${kb(s.brotli).padStart(9)}  (${s.brotli} B)`);
console.log('\nbrotli budgets: tracking only (createTracker, waymark-tracker.iife.js) ≤ 6.0 KB (issue 2); with on-device status');
console.log('(createWaymark, waymark.iife.js) ≤ 12 KB (issue 14); @waymark/react ≤ 1,216 B (size tests hold all three). Peers: Snowplow 15.3 KB | Segment 26.8 KB | Amplitude 56.5 KB');
