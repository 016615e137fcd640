/** Small typed helpers over a Durable Object's `SqlStorage` (statements are cached by the runtime per query text). */
import type { SqlStorage, SqlStorageValue } from 'cloudflare:workers';

export type Row = Record<string, SqlStorageValue>;

export interface DoSql {
  /** Every row of the query. */
  all<T extends Row>(query: string, ...bindings: unknown[]): T[];
  /** The first row, or undefined. */
  get<T extends Row>(query: string, ...bindings: unknown[]): T | undefined;
  /** Runs a write; returns its rows written as Cloudflare counts (and bills) them, index entries included: 0 = nothing changed. */
  run(query: string, ...bindings: unknown[]): number;
}

export function doSql(sql: SqlStorage): DoSql {
  return {
    all: <T extends Row>(query: string, ...bindings: unknown[]) => sql.exec<T>(query, ...bindings).toArray(),
    get<T extends Row>(query: string, ...bindings: unknown[]): T | undefined {
      for (const row of sql.exec<T>(query, ...bindings)) return row;
      return undefined;
    },
    run: (query, ...bindings) => {
      const cursor = sql.exec(query, ...bindings);
      for (const _ of cursor); // a cursor runs its statement as it is read
      return cursor.rowsWritten;
    },
  };
}
