/** Session rotation policy: one session per origin, renewed after inactivity or at a maximum length. */

export interface SessionState {
  id: string;
  startedAtMs: number;
  lastActivityAtMs: number;
  /** Sessions started on this device so far, this one included. */
  count: number;
}

export interface SessionLimits {
  sessionTimeoutMs: number;
  maxSessionMs: number;
}

/**
 * The session state after activity at `nowMs`: the same session touched, or a new one (`started`)
 * carrying the incremented count when there was none, it was idle too long, it reached its maximum
 * length, or the device clock went back before its start.
 */
export function touchSession(
  state: SessionState | undefined,
  nowMs: number,
  limits: SessionLimits,
  newId: () => string,
): { state: SessionState; started: boolean } {
  if (
    !state ||
    nowMs - state.lastActivityAtMs >= limits.sessionTimeoutMs ||
    nowMs - state.startedAtMs >= limits.maxSessionMs ||
    nowMs < state.startedAtMs
  ) {
    return {
      state: { id: newId(), startedAtMs: nowMs, lastActivityAtMs: nowMs, count: (state?.count ?? 0) + 1 },
      started: true,
    };
  }
  return { state: { ...state, lastActivityAtMs: Math.max(nowMs, state.lastActivityAtMs) }, started: false };
}

/** Sessions started this close together by two tabs raced each other; the smaller id wins in every tab. */
export const SESSION_RACE_MS = 5_000;

/**
 * The session a tab keeps when another tab wrote `theirs` while it holds `mine`: the same session (their
 * copy), a session started clearly later (a rotation, `newSession()`), or the race winner; an older
 * session (a stale write from a tab that was frozen) loses.
 */
export function preferSession(mine: SessionState | undefined, theirs: SessionState | undefined): SessionState | undefined {
  if (!mine || !theirs || theirs.id === mine.id) return theirs ?? mine;
  const laterMs = theirs.startedAtMs - mine.startedAtMs;
  return laterMs > SESSION_RACE_MS || (Math.abs(laterMs) <= SESSION_RACE_MS && theirs.id < mine.id) ? theirs : mine;
}
