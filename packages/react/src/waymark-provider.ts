/** `WaymarkProvider`: puts one Waymark instance (given, or created once per page from options) in React context. */
import { createContext, createElement, useMemo, type ReactNode } from 'react';
import type { Waymark, WaymarkOptions } from '@waymark/sdk';
import { inBrowser } from './in-browser.js';
import { instanceKey, storeFor, waymarkFor, type WaymarkStore } from './waymark-store.js';

export const WaymarkContext = /* @__PURE__ */ createContext<WaymarkStore | null>(null);

export type WaymarkProviderProps = { children?: ReactNode } & (
  | {
      /**
       * `createWaymark` options. The instance is created in the browser on first render and shared by every
       * provider of the page with the same `storagePrefix`, `writeKey` and `host` (so StrictMode's double render
       * and remounts make one tracker); later changes to the options are ignored. Never created on the server.
       */
      options: WaymarkOptions;
      instance?: never;
    }
  | {
      /** An instance the app created itself (e.g. with `createWaymark` in a module of its own). */
      instance: Waymark;
      options?: never;
    }
);

export function WaymarkProvider(props: WaymarkProviderProps): ReactNode {
  const { instance, options } = props;
  const key = options ? instanceKey(options) : undefined;
  const store = useMemo(
    () => (instance ? storeFor(instance) : options && inBrowser() ? storeFor(waymarkFor(options)) : null),
    // The options object may be a new literal on every render: the instance follows its key, not its identity.
    [instance, key],
  );
  return createElement(WaymarkContext.Provider, { value: store }, props.children);
}
