/** `@waymark/sdk/service-worker`: the app's own service worker delivers what closed tabs left in IndexedDB. */
import { createFetchTransport } from './adapters/fetch-transport.js';
import { createIdbStorage } from './adapters/idb-storage.js';
import { createTimerScheduler } from './adapters/timer-scheduler.js';
import { createWebLock } from './adapters/web-locks.js';
import { resolveOptions, type TrackerOptions } from './options.js';
import type { StateStore } from './ports.js';
import { createDelivery } from './queue/delivery.js';

/** The tracker options that matter to delivery; give the same `writeKey`, `host` and `storagePrefix` as the pages. */
export type ServiceWorkerDeliveryOptions = Pick<
  TrackerOptions,
  'writeKey' | 'host' | 'storagePrefix' | 'maxBatchEvents' | 'maxBatchBytes' | 'maxEventAgeMs' | 'minRetryDelayMs' | 'maxRetryDelayMs'
>;

/** What of `ServiceWorkerGlobalScope` this module uses (so it needs no WebWorker type library). */
export interface ServiceWorkerScope {
  addEventListener(type: 'sync' | 'activate', listener: (event: ExtendableEventLike) => void): void;
}

export interface ExtendableEventLike {
  /** The sync event's tag (Background Sync). */
  tag?: string;
  waitUntil(work: Promise<unknown>): void;
}

export interface ServiceWorkerDelivery {
  /** Sends every queued event it can now; resolves to the number of events still queued. */
  drain(): Promise<number>;
}

/** Retry-After within this worker's life (a worker has no localStorage; the tabs keep their own). */
function createMemoryState(): StateStore {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
    keys: (prefix) => [...values.keys()].filter((key) => key.startsWith(prefix)),
    watch: () => undefined,
  };
}

/**
 * Call once at the top of the service worker. The worker then sends the queue of `options.writeKey`:
 * - on the Background Sync event the pages register when a send fails or a page hides with unsent events
 *   (Chromium fires it when the network is back, with no page open); the event fails while events remain, so the
 *   browser tries again later;
 * - when it starts and when it activates (where there is no Background Sync, the next start of the worker).
 * It takes the same Web Lock as the pages, so there is still one sender, and it deletes only what the collector
 * acknowledged, so nothing is sent twice by Waymark (and a resend would be deduplicated by `messageId`).
 */
export function deliverFromServiceWorker(scope: ServiceWorkerScope, options: ServiceWorkerDeliveryOptions): ServiceWorkerDelivery {
  const opts = resolveOptions(options);
  const name = `${opts.storagePrefix}:${opts.writeKey}`;
  const storage = createIdbStorage(name);
  const delivery = createDelivery({
    store: storage.events,
    transport: createFetchTransport(),
    scheduler: createTimerScheduler(),
    lock: createWebLock(name),
    state: createMemoryState(),
    retryAtKey: 'retryAt',
    options: opts,
    report: () => undefined,
    delivered: () => undefined,
  });
  const drain = async (): Promise<number> => {
    await delivery.drain();
    return (await storage.events.stats()).count;
  };
  scope.addEventListener('sync', (event) => {
    if (event.tag !== name) return;
    event.waitUntil(drain().then((left) => {
      if (left) throw new Error(`waymark: ${left} events still queued; the browser retries this sync later`);
    }));
  });
  scope.addEventListener('activate', (event) => event.waitUntil(drain().catch(() => undefined)));
  void drain().catch(() => undefined);
  return { drain };
}
