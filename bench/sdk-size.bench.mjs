// Bundle sizes of the browser SDK (after `pnpm -r build`): the script-tag build, and what an app's bundler
// ships for `createTracker(...).track('x')` and `createWaymark(...).track('x')` (esbuild, minified, idb included).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const sdkDir = fileURLToPath(new URL('../packages/sdk/', import.meta.url));
const sizes = (code) => {
  const buf = Buffer.from(code);
  return {
    min: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

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
  ['npm: createTracker(...).track()', sizes(await appBundle('createTracker'))],
  ['npm: createWaymark(...).track()', sizes(await appBundle('createWaymark'))],
];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('SDK bundle size (bytes; KB = 1024 B)');
console.log(`${'bundle'.padEnd(42)} ${'min'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
for (const [name, s] of rows) console.log(`${name.padEnd(42)} ${kb(s.min).padStart(9)} ${kb(s.gzip).padStart(9)} ${kb(s.brotli).padStart(9)}  (${s.brotli} B)`);
console.log('\nbrotli goals: tracking only (createTracker) ≤ 6.0 KB (issue 2; size.test.ts checks its script-tag build);');
console.log('with on-device status (createWaymark, the script tag) 8 KB (issue 4). Peers: Snowplow 15.3 KB | Segment 26.8 KB | Amplitude 56.5 KB');
