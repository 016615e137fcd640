// Two builds of src/index.ts, minified by esbuild; the script-tag build then by terser too (compress passes 3: ~5%
// smaller brotli than esbuild alone, mostly from terser's frequency-ordered short names; nothing unsafe enabled).
// The ESM build is left to the app's bundler: re-minified by esbuild, terser's output came out ~40-170 B larger.
// - dist/index.js (ESM, for bundlers): `idb` and `@waymark/core` stay external, so an app that already
//   uses idb carries one copy and the bundler tree-shakes across packages (both are dependencies);
// - dist/waymark.iife.js (script tag): everything bundled, one global `Waymark` with the same named exports;
// - dist/waymark-tracker.iife.js (script tag, tracking only): src/tracker-entry.ts (`createTracker`, no status layer),
//   under the same global `Waymark`, for pages that only track.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';
import esbuild from 'rollup-plugin-esbuild';
import { minify } from 'terser';

/**
 * Internal property names (factory results, ports and internal results, never persisted, never public, and
 * not the name of any built-in) shortened in the output: about 220 bytes brotli of the full build. A name
 * added here must not be a property of any browser object the SDK touches, nor of the status record, the
 * wire or config JSON, nor of an object spread into the public instance (forget, setUserHash, sync stay);
 * the list also applies to @waymark/core's code in the script-tag build, so it must not be a name core
 * reads from config or facts JSON either, nor of idb's objects (its proxies read `tx.store` / `tx.done` by name:
 * `store` here broke every idb shortcut method in the script-tag build). The build fails when a listed name
 * appears as a quoted string in the bundle, the usual sign that some code reads it by name.
 */
const INTERNAL_PROPS =
  /^(enqueue|commit|unsent|acknowledge|beacon|drain|schedule|touch|refresh|rotate|setUserId|attach|discard|retryAtKey|delivered|written|watchNavigation|openStorage|lifecycle|onHidden|onResume|onOnline|microtask|oldest|scheduler|transport|uuid|report|started|watch|env|lock|emit|current|restore|stats|refreshSnapshot|refreshConfig|httpGet|apiHost|onEvent|record|remote|restored|fold|state|retryAfterMs|heldOut|userKey|options|journal|durable|saveOwn|leftovers|persistForUnload|adoptJournal|requestSync|stalled|refused|send|run|nudge|remove)$/;

/**
 * Also shortened where @waymark/core is bundled (the script-tag builds; the ESM builds import it, under these names):
 * the keys of core's `WAYMARK_EVENTS`, which the script-tag builds do not export.
 */
const BUNDLED_CORE_PROPS = new RegExp(`${INTERNAL_PROPS.source.slice(0, -2)}|stepCompleted|nudgeShown|nudgeDismissed|nudgeSnoozed|nudgeConverted|upgrade|blocking|terminated)$`);

/** Listed names that also occur as strings for an unrelated reason (the public event name `'delivered'`). */
const QUOTED_OK = new Set(['delivered']);

const mangle = (props = INTERNAL_PROPS) => ({
  name: 'mangle-internal-props',
  renderChunk: async (code) => {
    const byName = props.source.slice(2, -2).split('|').filter((n) => !QUOTED_OK.has(n) && (code.includes(`'${n}'`) || code.includes(`"${n}"`)));
    if (byName.length) throw new Error(`mangle-internal-props: read by name somewhere, cannot be shortened: ${byName.join(', ')}`);
    return (await transform(code, { minify: true, mangleProps: props, target: 'es2022' })).code;
  },
});

/**
 * idb's entry also installs, at import, its database shortcut methods (`db.get(storeName, key)`, `db.put(...)`,
 * `...FromIndex`) and its cursor async-iterator traps (`for await (const c of store)`, `store.iterate()`), which
 * the SDK never uses (it opens its transactions itself): the script-tag builds drop both blocks (~1.9 KB min,
 * ~450 B brotli). The block is found by its first and last statements; if a new idb version moves them, the
 * build fails instead of guessing.
 */
const idbCoreOnly = () => ({
  name: 'idb-core-only',
  transform(code, id) {
    if (!/[/\\]idb[/\\]build[/\\]index\.js$/.test(id)) return null;
    const start = code.indexOf("const readMethods = ['get', ");
    const end = code.indexOf('export { deleteDB, openDB, unwrap, wrap };');
    if (start < 0 || end < start || !code.slice(start, end).trimEnd().endsWith('}));')) throw new Error(`idb-core-only: unexpected ${id}`);
    return { code: IDB_UNUSED.reduce(cut(id), code.slice(0, start) + code.slice(end)), map: null };
  },
});

/**
 * More of idb that the SDK never reaches (~100 B brotli): the proxies' `set` and `has` traps (it never assigns
 * to nor tests `in` an idb object), the cursor methods other than `continue`, `openDB`'s `blocked` callback and
 * its checks that `upgrade`, `blocking` and `terminated` were given (the SDK always gives them), and the removal
 * of a transaction's listeners once it is over (it fires no more events). Each piece must occur exactly once.
 */
const IDB_UNUSED = [
  [/\n    set\(target, prop, value\) \{[^}]*\},\n    has\(target, prop\) \{[\s\S]*?\n    \},\n/, '\n'],
  ["['advance', 'continue', 'continuePrimaryKey']", "['continue']"],
  ['{ blocked, upgrade, blocking, terminated } = {}', '{ upgrade, blocking, terminated }'],
  [/\n    if \(blocked\) \{[\s\S]*?\n    \}\n    openPromise/, '\n    openPromise'],
  ['    if (upgrade) {\n        request', '    {\n        request'],
  ['        if (terminated)\n            db', '        db'],
  ['        if (blocking) {\n            db', '        {\n            db'],
  [/        const unlisten = \(\) => \{\n            tx\.removeEventListener[\s\S]*?\n        \};\n/, ''],
  ['            resolve();\n            unlisten();', '            resolve();'],
  [/(reject\(tx\.error \|\| new DOMException\('AbortError', 'AbortError'\)\);)\n            unlisten\(\);/, '$1'],
];
const cut = (id) => (code, [piece, by]) => {
  const found = typeof piece == 'string' ? code.split(piece).length - 1 : [...code.matchAll(new RegExp(piece, 'g'))].length;
  if (found !== 1) throw new Error(`idb-core-only: ${piece} found ${found} times in ${id}`);
  return code.replace(piece, by);
};

/** Terser after esbuild and the property mangling (it reads their output); script-tag build only. */
const terser = () => ({
  name: 'terser',
  renderChunk: async (code) => (await minify(code, { ecma: 2020, compress: { passes: 3 } })).code,
});

const compile = [nodeResolve({ browser: true }), esbuild({ minify: true, target: 'es2022', tsconfig: 'tsconfig.build.json' })];
const plugins = [...compile, mangle()];
/** Script-tag builds: everything bundled, then terser. */
const scriptTag = [idbCoreOnly(), ...compile, mangle(BUNDLED_CORE_PROPS), terser()];

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
    plugins: scriptTag,
  },
  {
    input: 'src/tracker-entry.ts',
    output: { file: 'dist/waymark-tracker.iife.js', format: 'iife', name: 'Waymark' },
    plugins: scriptTag,
  },
  // `@waymark/sdk/service-worker`: ESM for the app's bundled worker, and a classic script for `importScripts`
  // (global `WaymarkServiceWorker`).
  {
    input: 'src/service-worker.ts',
    external: ['idb', /^@waymark\/core/],
    output: { file: 'dist/service-worker.js', format: 'es' },
    plugins,
  },
  {
    input: 'src/service-worker.ts',
    output: { file: 'dist/waymark-sw.iife.js', format: 'iife', name: 'WaymarkServiceWorker' },
    plugins: scriptTag,
  },
];
