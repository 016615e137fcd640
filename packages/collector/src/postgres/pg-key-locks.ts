/**
 * Transactions that hold advisory locks on a project's profile keys (see migrations-pg/0001_init.sql).
 * Locks known up front are taken waiting, in hash order, so two callers never deadlock on them. Keys found only
 * while working (the user an anonymous id is linked to) are tried without waiting: if one is held elsewhere the
 * transaction rolls back and starts again with it among the up-front keys. Only the up-front locks ever wait.
 *
 * Two round trips for a batch: BEGIN, the locks and the work's reads go out together (the server runs pipelined
 * statements in order, so the reads see what was committed before the locks were granted); the work's writes and
 * COMMIT go out together, and the caller is answered once COMMIT returned. A failed write makes that COMMIT a
 * rollback, and the write's error is what the caller gets.
 */
import type { ReservedSql, Sql } from 'postgres';

/** Locks `keys` too (or throws to restart the transaction); resolves once they are held. */
export type LockMore = (keys: readonly string[]) => Promise<void>;

/** What the work answers, and its writes, still in flight (sent before COMMIT, awaited with it). */
export type Worked<T> = [value: T, writes: Promise<unknown>];

class LockBusy extends Error {}

/** deadlock_detected, serialization_failure: the transaction was rolled back and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const retryable = (error: unknown): boolean =>
  error instanceof LockBusy || RETRYABLE.has((error as { code?: string } | null)?.code ?? '');

/**
 * Runs `work` in a transaction holding the locks of `keys`.
 * @param maxAttempts runs before a retryable failure is thrown. @default 8
 */
export async function withKeyLocks<T>(sql: Sql, projectId: string, keys: readonly string[],
  work: (tx: ReservedSql, lockMore: LockMore) => Promise<Worked<T>>, maxAttempts = 8): Promise<T> {
  const upFront = new Set(keys);
  for (let attempt = 1; ; attempt++) {
    const tx = await sql.reserve();
    try {
      const held = new Set(upFront);
      const begun = Promise.all([tx`BEGIN`, held.size > 0 ? tx`SELECT waymark_lock_keys(${projectId}, ${[...held]}::text[])` : undefined]);
      const lockMore: LockMore = async (more) => {
        const extra = more.filter((k) => !held.has(k));
        if (extra.length === 0) return;
        for (const k of extra) {
          held.add(k);
          upFront.add(k); // if it is busy, the next attempt waits for it with the others
        }
        const [row] = await tx<Array<{ ok: boolean }>>`SELECT waymark_try_lock_keys(${projectId}, ${extra}::text[]) AS ok`;
        if (!row?.ok) throw new LockBusy(`profile keys busy in another transaction: ${extra.join(', ')}`);
      };
      const [, [value, writes]] = await Promise.all([begun, work(tx, lockMore)]);
      await Promise.all([writes, tx`COMMIT`]);
      return value;
    } catch (error) {
      await tx`ROLLBACK`.catch(() => {});
      if (attempt >= maxAttempts || !retryable(error)) throw error;
    } finally {
      tx.release();
    }
  }
}
