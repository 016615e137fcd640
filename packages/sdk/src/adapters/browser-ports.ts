/** The default adapters of a browser page, wired for one write key. */
import type { Environment, PageLifecycle, Scheduler, SendLock, StateStore, Transport } from '../ports.js';
import type { Storage } from '../queue/fallback-storage.js';
import { requestBackgroundSync } from './background-sync.js';
import { createBrowserEnvironment } from './browser-environment.js';
import { createBrowserLifecycle } from './browser-lifecycle.js';
import { createFetchTransport } from './fetch-transport.js';
import { watchHistory } from './history-navigation.js';
import { createIdbStorage } from './idb-storage.js';
import { createLocalStorageState } from './local-storage-state.js';
import { createTimerScheduler } from './timer-scheduler.js';
import { createWebLock } from './web-locks.js';

export interface TrackerPorts {
  scheduler: Scheduler;
  env: Environment;
  state: StateStore;
  transport: Transport;
  lifecycle: PageLifecycle;
  lock: SendLock;
  /** Opens the durable storage (called once consent is given); its calls reject where there is none. */
  openStorage(): Storage;
  /** Subscribes to single-page-app navigations. */
  watchNavigation(listener: () => void): void;
  /** Asks a service worker to deliver the queue later (after the tab is gone); a no-op where there is none. */
  requestSync?(): void;
}

/** `name` keys the database and the send lock (one queue per storage prefix and write key). */
export function createBrowserPorts(name: string, requestTimeoutMs?: number): TrackerPorts {
  return {
    scheduler: createTimerScheduler(),
    env: createBrowserEnvironment(),
    state: createLocalStorageState(),
    transport: createFetchTransport(requestTimeoutMs),
    lifecycle: createBrowserLifecycle(),
    lock: createWebLock(name),
    openStorage: () => createIdbStorage(name),
    watchNavigation: watchHistory,
    requestSync: () => requestBackgroundSync(name),
  };
}
