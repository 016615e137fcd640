/** One Waymark instance per page and project (StrictMode, remounts and several providers share it), with its readiness. */
import { createWaymark, type Waymark, type WaymarkOptions } from '@waymark/sdk';

/** What the provider hands to the hooks. */
export interface WaymarkStore {
  waymark: Waymark;
  /** True once `waymark.ready()` resolved (stored state restored); reads before that are "unknown". */
  ready(): boolean;
  /** The SDK's `subscribe`, plus one call when the instance becomes ready. */
  subscribe(listener: () => void): () => void;
}

const stores = new WeakMap<Waymark, WaymarkStore>();
/** Instances this binding created, by storage identity: a second `createWaymark` on the same database would be a second tracker. */
const created = new Map<string, Waymark>();

export function storeFor(waymark: Waymark): WaymarkStore {
  const known = stores.get(waymark);
  if (known) return known;
  let isReady = false;
  const listeners = new Set<() => void>();
  waymark.ready().then(
    () => {
      isReady = true;
      for (const listener of [...listeners]) listener();
    },
    () => undefined,
  );
  const store: WaymarkStore = {
    waymark,
    ready: () => isReady,
    subscribe(listener) {
      listeners.add(listener);
      const off = waymark.subscribe(listener);
      return () => {
        listeners.delete(listener);
        off();
      };
    },
  };
  stores.set(waymark, store);
  return store;
}

/** The key under which an instance is shared: the SDK's own storage identity (`<prefix>:<writeKey>`) and the host. */
export const instanceKey = (options: WaymarkOptions): string => `${options.storagePrefix ?? 'waymark'}:${options.writeKey}@${options.host}`;

/** The page's instance for these options, created on first use (later options with the same key are ignored). */
export function waymarkFor(options: WaymarkOptions): Waymark {
  const key = instanceKey(options);
  let waymark = created.get(key);
  if (!waymark) created.set(key, (waymark = createWaymark(options)));
  return waymark;
}
