/**
 * The Durable Object adapter's population-segment store: sql-segment-store.ts over the object's `ctx.storage.sql`
 * (the runtime caches each statement by its text; `transactionSync` groups writes atomically). Results are
 * derived data, recomputed if lost, so its writes do not wait for `sync()`.
 */
import type { DurableObjectStorage } from 'cloudflare:workers';
import { sqlSegmentStore, type SqlSegmentStore } from '../storage/sql-segment-store.js';
import type { DoSql } from './do-sql.js';

export function doSegmentStore(storage: DurableObjectStorage, db: DoSql): SqlSegmentStore {
  return sqlSegmentStore({
    all: (query, ...bindings) => db.all(query, ...bindings),
    get: (query, ...bindings) => db.get(query, ...bindings),
    run: (query, ...bindings) => void db.run(query, ...bindings),
    transaction: (fn) => storage.transactionSync(fn),
    // A BLOB binds from an ArrayBuffer and reads back as one.
    blob: (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    bytes: (value) => new Uint8Array(value as ArrayBuffer),
    pause: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  });
}
