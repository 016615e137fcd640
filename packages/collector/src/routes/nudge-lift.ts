/** Nudge lift: conversion of users shown a nudge against users held out of it (pure, from stored events). */

/** The stored events lift reads: `Nudge Shown`, `Nudge Held Out`, `Nudge Converted` and the goal event. */
export interface LiftEvent {
  name: string;
  /** `userId` when the event had one, else `a:<anonymousId>` (one person before identify may count twice). */
  person: string;
  timestampMs: number;
  nudgeId?: string;
}

export interface GroupStats {
  users: number;
  converted: number;
  /** converted / users, or null without users. */
  rate: number | null;
}

export interface NudgeLift {
  nudgeId: string;
  /** The conversion event: `goal`, or `Nudge Converted` (then the holdout cannot convert and lift is null). */
  goal: string;
  shown: GroupStats;
  heldOut: GroupStats;
  /** Users with both a show and a holdout exposure (identity changed at identify): left out of both groups. */
  excluded: number;
  /** shown.rate − heldOut.rate (absolute), or null when either rate is unknown or there is no goal event. */
  lift: number | null;
  /** shown.rate / heldOut.rate − 1, or null. */
  relativeLift: number | null;
  /** Two-proportion z statistic (|z| ≥ 1.96 ≈ 95% confidence that the rates differ), or null. */
  z: number | null;
}

export const LIFT_EVENTS = { shown: 'Nudge Shown', heldOut: 'Nudge Held Out', converted: 'Nudge Converted' } as const;

const stats = (users: number, converted: number): GroupStats => ({ users, converted, rate: users ? converted / users : null });

/**
 * For each nudge: the first exposure of each person (shown or held out), then whether they did the goal
 * at or after it. Without a goal event the shown group converts by `Nudge Converted` and lift is null.
 */
export function nudgeLift(nudgeIds: readonly string[], events: readonly LiftEvent[], goal?: string): NudgeLift[] {
  return nudgeIds.map((nudgeId) => {
    const shownAt = new Map<string, number>();
    const heldAt = new Map<string, number>();
    const goalTimes = new Map<string, number[]>();
    const first = (m: Map<string, number>, e: LiftEvent) => m.set(e.person, Math.min(m.get(e.person) ?? Infinity, e.timestampMs));
    for (const e of events) {
      if (e.name === LIFT_EVENTS.shown && e.nudgeId === nudgeId) first(shownAt, e);
      else if (e.name === LIFT_EVENTS.heldOut && e.nudgeId === nudgeId) first(heldAt, e);
      if (goal ? e.name === goal : e.name === LIFT_EVENTS.converted && e.nudgeId === nudgeId) {
        (goalTimes.get(e.person) ?? goalTimes.set(e.person, []).get(e.person)!).push(e.timestampMs);
      }
    }
    let excluded = 0;
    for (const person of shownAt.keys()) if (heldAt.has(person)) excluded++;
    const group = (mine: Map<string, number>, other: Map<string, number>) => {
      let users = 0;
      let converted = 0;
      for (const [person, at] of mine) {
        if (other.has(person)) continue;
        users++;
        if (goalTimes.get(person)?.some((t) => t >= at)) converted++;
      }
      return stats(users, converted);
    };
    const shown = group(shownAt, heldAt);
    const heldOut = group(heldAt, shownAt);
    const comparable = goal !== undefined && shown.rate !== null && heldOut.rate !== null;
    const lift = comparable ? shown.rate! - heldOut.rate! : null;
    const relativeLift = comparable && heldOut.rate! > 0 ? shown.rate! / heldOut.rate! - 1 : null;
    let z: number | null = null;
    if (comparable) {
      const p = (shown.converted + heldOut.converted) / (shown.users + heldOut.users);
      const se = Math.sqrt(p * (1 - p) * (1 / shown.users + 1 / heldOut.users));
      z = se > 0 ? lift! / se : null;
    }
    return { nudgeId, goal: goal ?? LIFT_EVENTS.converted, shown, heldOut, excluded, lift, relativeLift, z };
  });
}
