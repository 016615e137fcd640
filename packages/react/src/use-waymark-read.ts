/** The hooks' engine: `useSyncExternalStore` over the SDK's `subscribe`, a read that keeps its identity while its value is unchanged. */
import { useCallback, useContext, useRef, useSyncExternalStore } from 'react';
import type { TrackingPlan, Waymark } from '@waymark/sdk';
import { sameJson } from './same-json.js';
import { WaymarkContext } from './waymark-provider.js';

const noSubscription = () => () => undefined;

/**
 * Reads `read(waymark)` and re-renders only when its result changed (structurally). `unknown` is the value on the
 * server, during hydration, outside a provider and until the instance is ready.
 */
export function useWaymarkRead<T>(read: (waymark: Waymark) => T, unknown: T): T {
  const store = useContext(WaymarkContext);
  const client = useRef(unknown);
  const server = useRef(unknown);
  const keep = (ref: { current: T }, value: T): T => (sameJson(ref.current, value) ? ref.current : (ref.current = value));
  const subscribe = useCallback((onChange: () => void) => (store ? store.subscribe(onChange) : noSubscription()), [store]);
  return useSyncExternalStore(
    subscribe,
    () => keep(client, store?.ready() ? read(store.waymark) : unknown),
    () => keep(server, unknown),
  );
}

/**
 * The instance from the nearest `WaymarkProvider`; `null` on the server and outside a provider. With a tracking
 * plan, `useWaymark<typeof plan>()` types `track` by it (types only).
 */
export function useWaymark<Plan extends TrackingPlan | undefined = undefined>(): Waymark<Plan> | null {
  return (useContext(WaymarkContext)?.waymark ?? null) as Waymark<Plan> | null;
}
