// Runs every benchmark in bench/ (`*.bench.mjs`) one after another, each in its own Node process,
// so their numbers do not disturb one another. `npm run bench` builds the packages first.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const { status } = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit' });
  if (status !== 0) {
    failed += 1;
    console.log(`!!! ${file} exited with ${status}`);
  }
}
console.log(`\n${files.length - failed} of ${files.length} benchmarks ran`);
process.exitCode = failed ? 1 : 0;
