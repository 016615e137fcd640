/**
 * Transactions that hold advisory locks on a project's profile keys (see migrations-pg/0001_init.sql).
 * Locks known up front are taken waiting, in hash order, so two callers never deadlock on them. Keys found only
 * while working (the user an anonymous id is linked to) are tried without waiting: if one is held elsewhere the
 * transaction rolls back and starts again with it among the up-front keys. Only the up-front locks ever wait.
 */
import type { Sql, TransactionSql } from 'postgres';

/** Locks `keys` too (or throws to restart the transaction); resolves once they are held. */
export type LockMore = (keys: readonly string[]) => Promise<void>;

class LockBusy extends Error {}

/** deadlock_detected, serialization_failure: the transaction was rolled back and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const retryable = (error: unknown): boolean =>
  error instanceof LockBusy || RETRYABLE.has((error as { code?: string } | null)?.code ?? '');

/**
 * Runs `work` in a transaction holding the locks of `keys` (taken in the same round trip as `work`'s first
 * queries: the server runs pipelined statements in order, so they read after the locks are held).
 * @param maxAttempts runs before a retryable failure is thrown. @default 8
 */
export async function withKeyLocks<T>(sql: Sql, projectId: string, keys: readonly string[],
  work: (tx: TransactionSql, lockMore: LockMore) => Promise<T>, maxAttempts = 8): Promise<T> {
  const upFront = new Set(keys);
  for (let attempt = 1; ; attempt++) {
    try {
      return await sql.begin(async (tx) => {
        const held = new Set(upFront);
        const locked = held.size > 0 ? tx`SELECT waymark_lock_keys(${projectId}, ${[...held]}::text[])`.then(() => undefined) : undefined;
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
        const [, value] = await Promise.all([locked, work(tx as TransactionSql, lockMore)]);
        return value;
      }) as T;
    } catch (error) {
      if (attempt >= maxAttempts || !retryable(error)) throw error;
    }
  }
}
