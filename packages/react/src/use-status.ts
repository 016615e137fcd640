/** `useStatus()`: the user's lifecycle status, re-rendering only when it (or its reason) changes. */
import type { Waymark } from '@waymark/sdk';
import { useWaymarkRead } from './use-waymark-read.js';

export type LifecycleStatus = ReturnType<Waymark['status']>['status'];

export interface StatusView {
  /** `'unknown'` on the server, during hydration and until the state on this device is restored. */
  status: LifecycleStatus | 'unknown';
  reason: string;
  /** False exactly when `status` is `'unknown'`. */
  known: boolean;
}

/** The server snapshot and the value before the instance is ready. */
export const UNKNOWN_STATUS: StatusView = { status: 'unknown', reason: 'not known yet (server render, or the device state is being restored)', known: false };

const readStatus = (waymark: Waymark): StatusView => ({ ...waymark.status(), known: true });

export function useStatus(): StatusView {
  return useWaymarkRead(readStatus, UNKNOWN_STATUS);
}
