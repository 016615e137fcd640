// Bundles the React example with esbuild (src/main.tsx → dist/app.js) from the built packages' dist/, as an app
// would. `node build.mjs` writes it; the end-to-end test and the demo call `buildReactExample()`.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/**
 * @param {{ development?: boolean }} [options] `development`: React's development build, where StrictMode mounts
 *   every component twice and double-runs effects (the end-to-end test uses it) @default false
 * @returns {Promise<string>} the written bundle's path
 */
export async function buildReactExample({ development = false } = {}) {
  const outfile = here('./dist/app.js');
  await build({
    entryPoints: [here('./src/main.tsx')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: !development,
    jsx: 'automatic',
    outfile,
    define: { 'process.env.NODE_ENV': development ? '"development"' : '"production"' },
    // Not the repository's tsconfig: its `paths` map @waymark/* to the TypeScript sources; an app gets dist/.
    tsconfigRaw: '{}',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(await buildReactExample());
