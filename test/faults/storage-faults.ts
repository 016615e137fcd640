/** Init scripts that break a page's storage before the SDK loads: hidden, over quota, or a connection lost mid-write. */

export interface StorageFault {
  script: (arg: StorageFaultArg) => void;
  arg: StorageFaultArg;
}

export interface StorageFaultArg {
  /** Names the scenario's page. */
  tag: string;
  indexedDB?: boolean;
  localStorage?: boolean;
  method?: 'put' | 'transaction';
  errorName?: string;
  /** `put`: throw from this call on (Infinity: never). `transaction`: abort this one transaction after its requests are placed. */
  nth?: number;
}

/** Touching `indexedDB` (and `localStorage`) throws, as in Safari private mode or with blocked storage. */
export const hideStorage = (tag: string, what: { indexedDB?: boolean; localStorage?: boolean }): StorageFault => ({
  arg: { tag, ...what },
  script: (arg) => {
    for (const name of ['indexedDB', 'localStorage'] as const) {
      if (!arg[name]) continue;
      Object.defineProperty(window, name, {
        configurable: true,
        get() {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        },
      });
    }
  },
});

/**
 * `put`: every write fails with `errorName` (quota exceeded: the disk is full). `transaction`: the `nth`
 * transaction is aborted once its requests are placed (the connection dropped mid-write), the next ones work.
 */
export const breakIndexedDb = (tag: string, method: 'put' | 'transaction', errorName: string, nth: number): StorageFault => ({
  arg: { tag, method, errorName, nth: Number.isFinite(nth) ? nth : -1 },
  script: (arg) => {
    if (arg.method === 'put') {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', arg.errorName);
      };
      return;
    }
    const original = IDBDatabase.prototype.transaction;
    let calls = 0;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = original.apply(this, args);
      if (++calls === arg.nth && args[1] === 'readwrite') setTimeout(() => tx.abort(), 0);
      else if (calls === arg.nth) arg.nth!++;
      return tx;
    } as IDBDatabase['transaction'];
  },
});
