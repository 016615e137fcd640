/** Who the user is: anonymous id (persisted), user id after identify, and the device's stream id. */
import { readJson } from './json-state.js';
import type { StateReadWrite } from './gated-state.js';

export interface Identity {
  anonymousId: string;
  userId?: string;
  /** Per-device id, kept across resets: the source key of the device's counters. */
  streamId: string;
}

/** Reads and writes the identity under `key`, re-reading it when another tab changes it. */
export function createIdentity(state: StateReadWrite, key: string, uuid: () => string) {
  let current: Identity;
  const read = () => readJson<Identity>(state, key, 'streamId');
  const write = (next: Identity) => {
    current = next;
    state.set(key, JSON.stringify(next));
    return next;
  };
  current = read() ?? write({ anonymousId: uuid(), streamId: uuid() });
  state.watch((changed) => {
    if (changed === key) current = read() ?? current;
  });
  return {
    get: (): Identity => current,
    setUserId: (userId: string | undefined) => write({ ...current, userId }),
    /** A new anonymous id and no user id; the stream id stays with the device. */
    reset: () => write({ anonymousId: uuid(), streamId: current.streamId }),
  };
}
