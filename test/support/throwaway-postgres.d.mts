/** Types of throwaway-postgres.mjs (plain JS so the benches can use it too). */
export declare const PG_BIN: string;

export interface ThrowawayPostgres {
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` @default database 'postgres' */
  url(database?: string): string;
  /** Creates an empty database and answers its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server and keeps its data (an outage); `resume()` starts it again on the same port. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

export interface ThrowawayPostgresOptions {
  /** `fsync=off` for speed where durability across a power loss is not under test. @default false */
  fsync?: boolean;
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export declare function postgresMissing(): string | undefined;
export declare function startThrowawayPostgres(options?: ThrowawayPostgresOptions): Promise<ThrowawayPostgres>;
