import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWalSync } from './wal-sync.js';

const dir = mkdtempSync(join(tmpdir(), 'waymark-walsync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dbPath = join(dir, 'x.db');
writeFileSync(`${dbPath}-wal`, '');

/** A sync the test finishes by hand. */
function manualSync() {
  const pending: Array<(error: NodeJS.ErrnoException | null) => void> = [];
  return { pending, sync: (_fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void pending.push(done) };
}
const settled = async (p: Promise<unknown>) => {
  let state = 'pending';
  p.then(() => (state = 'resolved'), () => (state = 'rejected'));
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  return state;
};

describe('createWalSync', () => {
  it('resolves only after a sync that started after the call; calls made during a sync share the next one', async () => {
    const { pending, sync } = manualSync();
    const wal = createWalSync(dbPath, sync);
    const first = wal.durable();
    expect(pending).toHaveLength(1);
    const second = wal.durable();
    const third = wal.durable();
    expect(pending).toHaveLength(1); // no second sync while one runs
    expect(await settled(first)).toBe('pending');
    pending[0]!(null);
    expect(await settled(first)).toBe('resolved');
    expect(await settled(second)).toBe('pending'); // the running sync may have missed its writes
    expect(pending).toHaveLength(2);
    pending[1]!(null);
    expect(await settled(second)).toBe('resolved');
    expect(await settled(third)).toBe('resolved');
    expect(pending).toHaveLength(2);
    wal.close();
  });

  it('fails closed after a failed sync: its callers, the callers waiting for the next one and every later call are refused', async () => {
    const { pending, sync } = manualSync();
    const wal = createWalSync(dbPath, sync);
    const failed = wal.durable();
    const queued = wal.durable(); // made during the failing sync: waits for the next one
    pending[0]!(Object.assign(new Error('EIO'), { code: 'EIO' }));
    await expect(failed).rejects.toThrow(/EIO.*restart/);
    await expect(queued).rejects.toThrow(/EIO/);
    // Linux may have dropped the pages it could not write: a later successful fsync would prove nothing.
    await expect(wal.durable()).rejects.toThrow(/not known to be durable/);
    expect(pending).toHaveLength(1);
    wal.close();
    await expect(wal.durable()).rejects.toThrow('closed');
  });

  it('syncs a real file with the default fdatasync', async () => {
    const wal = createWalSync(dbPath);
    await expect(Promise.all([wal.durable(), wal.durable()])).resolves.toHaveLength(2);
    wal.close();
  });
});
