/** Holds state writes in memory until consent, then writes them through: nothing is stored before consent. */
import type { StateStore } from './ports.js';

/** What identity and sessions need from the state store. */
export type StateReadWrite = Pick<StateStore, 'get' | 'set' | 'watch'>;

export interface GatedState extends StateReadWrite {
  /** Writes what was held and stores directly from now on. */
  open(): void;
  /** Forgets what was held (consent refused). */
  discard(): void;
}

export function createGatedState(real: StateStore, isOpen: boolean): GatedState {
  const held = new Map<string, string>();
  return {
    get: (key) => held.get(key) ?? real.get(key),
    set: (key, value) => (isOpen ? real.set(key, value) : void held.set(key, value)),
    watch: (listener) => real.watch(listener),
    open() {
      isOpen = true;
      held.forEach((value, key) => real.set(key, value));
      held.clear();
    },
    discard: () => held.clear(),
  };
}
