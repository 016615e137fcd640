/** `useNudge(placement)`: the nudge to show now in one placement, with its actions wired to the SDK's nudge events. */
import { useCallback, useMemo, useRef } from 'react';
import type { NudgeView, Waymark } from '@waymark/sdk';
import { useWaymark, useWaymarkRead } from './use-waymark-read.js';

export interface NudgeState {
  /** The nudge to show now (with its `content`), or null: always null on the server, during hydration and until ready. */
  nudge: NudgeView | null;
  /** False on the server, during hydration and until the state on this device is restored. */
  known: boolean;
  /**
   * Records one impression (`Nudge Shown`, counted toward `maxShows`, `minIntervalMs` and the rate limit). Call it
   * from an effect once the nudge is on screen; repeated calls for the same nudge by this component (StrictMode's
   * double effects, re-renders) count once.
   */
  shown(): void;
  /** Never show it again (`Nudge Dismissed`, on every device once synced). */
  dismiss(): void;
  /** Hide it for `snoozeMs` (the SDK's default: 1 day), then it may come back (`Nudge Snoozed`). */
  snooze(snoozeMs?: number): void;
  /** The user did what it asked (`Nudge Converted`). */
  convert(): void;
}

type NudgeRead = Pick<NudgeState, 'nudge' | 'known'>;
export const UNKNOWN_NUDGE: NudgeRead = { nudge: null, known: false };

export function useNudge(placement?: string): NudgeState {
  const waymark = useWaymark();
  const read = useCallback((w: Waymark): NudgeRead => ({ nudge: w.nudges.next(placement), known: true }), [placement]);
  const { nudge, known } = useWaymarkRead(read, UNKNOWN_NUDGE);
  const id = nudge?.id;
  const impressions = useRef(new Set<string>());
  return useMemo(() => {
    const act = (action: (nudges: Waymark['nudges'], nudgeId: string) => void) => () => {
      if (waymark && id !== undefined) action(waymark.nudges, id);
    };
    return {
      nudge,
      known,
      shown: act((nudges, nudgeId) => {
        if (impressions.current.has(nudgeId)) return;
        impressions.current.add(nudgeId);
        nudges.shown(nudgeId);
      }),
      dismiss: act((nudges, nudgeId) => nudges.dismiss(nudgeId)),
      snooze: (snoozeMs?: number) => act((nudges, nudgeId) => nudges.snooze(nudgeId, snoozeMs))(),
      convert: act((nudges, nudgeId) => nudges.convert(nudgeId)),
    };
  }, [waymark, nudge, known, id]);
}
