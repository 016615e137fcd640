// The package's build: one ESM file, React and the SDK external, marked 'use client' so a React Server Component
// tree can render the provider (its hooks run on the client). `node esbuild.config.mjs` writes dist/index.js.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** @type {import('esbuild').BuildOptions} */
export const options = {
  entryPoints: [fileURLToPath(new URL('./src/index.ts', import.meta.url))],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  external: ['react', '@waymark/sdk'],
  banner: { js: "'use client';" },
  outfile: fileURLToPath(new URL('./dist/index.js', import.meta.url)),
  logLevel: 'warning',
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await build(options);
