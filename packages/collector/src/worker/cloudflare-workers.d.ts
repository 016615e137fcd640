/**
 * The part of the Workers runtime API the Worker entry uses, declared here instead of pulling in
 * @cloudflare/workers-types (whose global Request/Response declarations clash with the DOM lib the rest of
 * the package compiles against). Shapes follow https://developers.cloudflare.com/durable-objects/api/.
 */
declare module 'cloudflare:workers' {
  export type SqlStorageValue = ArrayBuffer | string | number | null;

  export interface SqlStorageCursor<T extends Record<string, SqlStorageValue>> extends Iterable<T> {
    toArray(): T[];
    one(): T;
    raw<U extends SqlStorageValue[]>(): IterableIterator<U>;
    readonly rowsRead: number;
    readonly rowsWritten: number;
  }

  export interface SqlStorage {
    exec<T extends Record<string, SqlStorageValue>>(query: string, ...bindings: unknown[]): SqlStorageCursor<T>;
    readonly databaseSize: number;
  }

  export interface DurableObjectStorage {
    readonly sql: SqlStorage;
    /** Runs `fn` in a transaction: committed when it returns, rolled back when it throws. */
    transactionSync<T>(fn: () => T): T;
    /** Resolves once every write made so far is durable. */
    sync(): Promise<void>;
  }

  export interface DurableObjectState {
    readonly storage: DurableObjectStorage;
    blockConcurrencyWhile<T>(fn: () => Promise<T>): Promise<T>;
    waitUntil(promise: Promise<unknown>): void;
  }

  export abstract class DurableObject<Env = unknown> {
    protected ctx: DurableObjectState;
    protected env: Env;
    constructor(ctx: DurableObjectState, env: Env);
    fetch?(request: Request): Response | Promise<Response>;
  }

  export interface DurableObjectId {
    toString(): string;
  }

  export interface DurableObjectStub<T = unknown> {
    fetch(request: Request): Promise<Response>;
  }

  export interface DurableObjectNamespace<T = unknown> {
    idFromName(name: string): DurableObjectId;
    get(id: DurableObjectId): DurableObjectStub<T> & { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };
  }

  export interface ScheduledController {
    readonly scheduledTime: number;
    readonly cron: string;
  }

  export interface ExecutionContext {
    waitUntil(promise: Promise<unknown>): void;
  }
}
