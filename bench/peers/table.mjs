// The markdown table of bench/peers.bench.mjs: per library, median [min–max] over the rounds, and each number's
// ratio to the best peer in the same run (Waymark not counted as a peer; lower is better).

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const kb = (n) => (n / 1024).toFixed(1);
const ratio = (x, b) => (x === undefined || !(b > 0) || !(x > 0) ? '' : ` (×${(x / b).toFixed(x / b < 10 ? 2 : 0)})`);

/**
 * @param {Array<{ id: string, name: string, version: string }>} libs  the adapters, in table order
 * @param {Record<string, { rounds: object[], size: { min: number, gzip: number, brotli: number }, survive2s?: number, surviveNow?: number }>} results
 * @param {{ calls: number, downCalls: number, survivors: number, survival: boolean }} opts
 * @returns {string[]} the table's lines
 */
export function peersTable(libs, results, { calls, downCalls, survivors, survival }) {
  const stat = (id, key) => {
    const xs = results[id].rounds.map((r) => r[key]).filter((x) => x !== undefined);
    return xs.length ? { med: median(xs), lo: Math.min(...xs), hi: Math.max(...xs) } : undefined;
  };
  const peers = libs.filter((a) => !a.id.startsWith('waymark'));
  const best = (get) => {
    // The lowest positive value (a heap growth at or below zero has no meaningful ratio).
    const xs = peers.map((a) => get(a.id)).filter((x) => x > 0);
    return xs.length ? Math.min(...xs) : undefined;
  };
  /** "≥ " when the main thread was still busy at the time bound in some round: the number is a lower bound. */
  const atLeast = (id, key) => (results[id].rounds.some((r) => r[key] === false) ? '≥ ' : '');
  const ranged = (key, digits, settledKey) => [
    (id) => stat(id, key)?.med,
    (x, id) => `${settledKey ? atLeast(id, settledKey) : ''}${x.toFixed(digits)} [${stat(id, key).lo.toFixed(digits)}–${stat(id, key).hi.toFixed(digits)}]`,
  ];
  const k = (n) => (n % 1000 ? n.toLocaleString('en-US') : `${n / 1000}k`);
  const columns = [
    ['gzip KB', (id) => results[id].size.gzip, (x) => kb(x)],
    ['brotli KB', (id) => results[id].size.brotli, (x) => kb(x)],
    ['init ms', ...ranged('initMs', 1)],
    ['track() µs incl. async work and sends', ...ranged('trackUs', 1, 'trackSettled')],
    [`heap MiB after ${k(calls)}`, ...ranged('heapMiB', 2)],
    ...(downCalls > 0 ? [
      [`endpoint down: track() µs (${k(downCalls)})`, ...ranged('downUs', 1, 'downSettled')],
      [`endpoint down: heap MiB (${k(downCalls)})`, ...ranged('downHeapMiB', 2)],
    ] : []),
  ];
  const header = ['library', 'version', 'min KB', ...columns.map((c) => c[0]), 'sync µs', 'delivered', 'kept: reload 2 s', 'kept: immediate reload'];
  const kept = (n) => (survival ? `${n ?? 'failed'}/${survivors}` : 'skipped');
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const a of libs) {
    const id = a.id;
    const cells = columns.map(([, get, fmt]) => {
      const x = get(id);
      return x === undefined ? 'failed' : `${fmt(x, id)}${ratio(x, best(get))}`;
    });
    const delivered = results[id].rounds.map((r) => r.delivered);
    const sync = stat(id, 'syncUs');
    lines.push(`| ${a.name} | ${a.version} | ${kb(results[id].size.min)} | ${cells.join(' | ')} | ${sync ? sync.med.toFixed(1) : 'failed'} | ${delivered.length ? `${Math.min(...delivered)}/${calls}` : 'failed'} | ${kept(results[id].survive2s)} | ${kept(results[id].surviveNow)} |`);
  }
  return lines;
}
