/** `useSegments()`: the server-computed segments of the user's last snapshot. */
import type { Waymark } from '@waymark/sdk';
import { useWaymarkRead } from './use-waymark-read.js';

export interface SegmentsView {
  /** Segment ids (empty while unknown). */
  segments: string[];
  /** False on the server, during hydration and until the state on this device is restored. */
  known: boolean;
}

export const UNKNOWN_SEGMENTS: SegmentsView = { segments: [], known: false };

const readSegments = (waymark: Waymark): SegmentsView => ({ segments: waymark.segments(), known: true });

export function useSegments(): SegmentsView {
  return useWaymarkRead(readSegments, UNKNOWN_SEGMENTS);
}
