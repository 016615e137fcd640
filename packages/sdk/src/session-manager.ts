/** The origin's shared session: the rotation policy applied to the state every tab reads and writes. */
import { preferSession, touchSession, type SessionLimits, type SessionState } from './policies/session.js';
import { readJson } from './json-state.js';
import type { StateReadWrite } from './gated-state.js';

/** Last activity is written at most this often (a session times out after minutes, not milliseconds). */
const WRITE_EVERY_MS = 1_000;

export function createSessionManager(state: StateReadWrite, key: string, limits: SessionLimits, uuid: () => string) {
  let written = 0;
  const read = () => readJson<SessionState>(state, key, 'id');
  let current = read();
  const save = (next: SessionState) => {
    current = next;
    written = next.lastActivityAtMs;
    state.set(key, JSON.stringify(next));
  };
  state.watch((changed) => {
    if (changed !== key) return;
    const theirs = read();
    current = preferSession(current, theirs);
    // Two tabs opened a session at once: write the winner back so every tab converges on it.
    if (theirs && current!.id !== theirs.id) save(current!);
  });
  return {
    current: () => current,
    /** Re-reads the shared state (after a bfcache restore or a freeze another tab may have moved on). */
    refresh: () => void (current = preferSession(current, read())),
    /** Records activity at `nowMs`; `started` when it opened a new session. */
    touch(nowMs: number): { state: SessionState; started: boolean } {
      let result = touchSession(current, nowMs, limits, uuid);
      // Before rotating, look at what the other tabs wrote: one may have been active meanwhile.
      if (result.started) result = touchSession((current = read() ?? current), nowMs, limits, uuid);
      if (result.started || result.state.lastActivityAtMs - written >= WRITE_EVERY_MS) save(result.state);
      else current = result.state;
      return result;
    },
    /** Starts a new session now, whatever the old one's age. */
    rotate(nowMs: number): SessionState {
      save(touchSession(current && { ...current, startedAtMs: Infinity }, nowMs, limits, uuid).state);
      return current!;
    },
  };
}
