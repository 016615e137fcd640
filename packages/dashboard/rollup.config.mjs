// The dashboard's script: src/main.ts (with uPlot) bundled into one minified file, dist/app.js. The page and
// the style are assembled by scripts/embed.mjs, which then writes dist/assets.js (what the collector serves).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

export default {
  input: 'src/main.ts',
  output: { file: 'dist/app.js', format: 'iife', sourcemap: false },
  plugins: [nodeResolve({ browser: true }), esbuild({ target: 'es2020', minify: true, legalComments: 'none' })],
};
