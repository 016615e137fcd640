/**
 * A throwaway PostgreSQL 15 cluster from the machine's binaries for tests and benches: initdb into a temp dir
 * (as the `postgres` user when running as root: initdb refuses root), listening on 127.0.0.1 only, on a free
 * port, with its socket in the temp dir; `stop()` shuts it down fast and deletes the dir.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

/** @typedef {import('./throwaway-postgres.d.mts').ThrowawayPostgres} ThrowawayPostgres */

export const PG_BIN = process.env.WAYMARK_PG_BIN ?? '/usr/lib/postgresql/15/bin';



/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export const postgresMissing = () =>
  existsSync(join(PG_BIN, 'initdb')) ? undefined : `PostgreSQL 15 binaries not found in ${PG_BIN} (scripts/setup.sh installs Debian's postgresql)`;

/** @returns {Promise<number>} */
const freePort = () => new Promise((resolve, reject) => {
  const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
    server.close(() => resolve(port));
  });
});

let databases = 0;

/** @param {{ fsync?: boolean }} [options] @returns {Promise<ThrowawayPostgres>} */
export async function startThrowawayPostgres(options = {}) {
  const missing = postgresMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'waymark-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  /** @param {string} bin @param {string[]} args */
  const run = (bin, args) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]] : [join(PG_BIN, bin), args];
    const r = spawnSync(/** @type {string} */ (cmd), /** @type {string[]} */ (argv), { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${bin} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const settings = [`listen_addresses=127.0.0.1`, `port=${port}`, `unix_socket_directories=${dir}`, `max_connections=200`,
    ...(options.fsync === false ? ['fsync=off'] : [])];
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', settings.map((s) => `-c ${s}`).join(' '), 'start']);
  const halt = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  let stopped = false;
  let paused = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (!paused) halt();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once('exit', stopNow); // a test run that dies still stops its server
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase() {
      const name = `waymark_${process.pid}_${++databases}`;
      const admin = postgres(url(), { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    pause() {
      halt();
      paused = true;
    },
    resume() {
      start();
      paused = false;
    },
    async stop() {
      process.removeListener('exit', stopNow);
      stopNow();
    },
  };
}
