/**
 * Durable commits without blocking the event loop. The writer connection runs `synchronous=NORMAL` (a COMMIT
 * writes its WAL frames but does not fsync them); before a caller is answered, `durable()` fdatasyncs the
 * `-wal` file on libuv's thread pool. That is the one sync `synchronous=FULL` adds to a WAL commit (checkpoints
 * sync the WAL and the database in both modes), so a commit is answered only once it would survive a power
 * loss, while the event loop keeps parsing and validating the next batches. Commits made while a sync is
 * running share the next one (group commit of the fsyncs).
 *
 * Valid while this process keeps its connection to the database open (SQLite deletes the WAL file only when
 * the last connection closes): open it after the database, close it before.
 *
 * A failed sync fails closed: its callers and every later call are rejected until the process restarts. After
 * a failed fsync Linux may drop the dirty pages it could not write and report the next fsync as a success
 * (PostgreSQL's "fsyncgate", which it answers by crashing), so no later sync can prove a commit durable; a
 * restart lets SQLite recover the WAL from what is on disk, and clients retry what they were refused.
 */
import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WalSync {
  /** Resolves once every commit made before this call is on stable storage; rejects when a sync has failed. */
  durable(): Promise<void>;
  close(): void;
}

type Sync = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

/**
 * @param dbPath the database file; its `-wal` file must exist (it does once the connection is in WAL mode).
 * @param sync the sync call @default fs.fdatasync (what SQLite uses on Linux)
 */
export function createWalSync(dbPath: string, sync: Sync = fdatasync): WalSync {
  // Opened for writing: Windows' FlushFileBuffers needs a writable handle.
  const fd = openSync(`${dbPath}-wal`, 'r+');
  syncDirectory(dirname(dbPath));
  let waiting: Array<{ resolve(): void; reject(error: unknown): void }> = [];
  let running = false;
  let closed = false;
  let failed: Error | undefined;
  const start = (): void => {
    const batch = waiting;
    waiting = [];
    running = true;
    sync(fd, (error) => {
      running = false;
      if (error && !failed) {
        failed = new Error(`WAL fdatasync failed (${error.code ?? error.message}): commits since are not known to be durable; restart the collector`, { cause: error });
      }
      if (failed) {
        // Fail closed: the callers waiting for the next sync are refused too, and no further sync starts.
        for (const w of [...batch, ...waiting]) w.reject(failed);
        waiting = [];
      } else for (const w of batch) w.resolve();
      if (waiting.length > 0) start();
      else if (closed) closeSync(fd);
    });
  };
  return {
    durable() {
      if (closed) return Promise.reject(new Error('WAL sync closed'));
      if (failed) return Promise.reject(failed);
      return new Promise<void>((resolve, reject) => {
        waiting.push({ resolve, reject });
        if (!running) start();
      });
    },
    close() {
      if (closed) return;
      closed = true;
      if (!running) closeSync(fd);
    },
  };
}

/**
 * SQLite in FULL mode syncs the directory after creating the WAL file; NORMAL only does at the first
 * checkpoint. Platforms that cannot open or sync a directory (Windows) skip it, as SQLite does there.
 */
function syncDirectory(path: string): void {
  let dir: number;
  try {
    dir = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(dir);
  } catch {
    // EINVAL/EISDIR where directories cannot be synced
  } finally {
    closeSync(dir);
  }
}
