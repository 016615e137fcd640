/** Reads a JSON value kept in the StateStore; anything unreadable counts as absent. */
import { attempt } from './attempt.js';
import type { StateReadWrite } from './gated-state.js';

export function readJson<T extends object>(state: StateReadWrite, key: string, required: keyof T): T | undefined {
  return attempt(() => {
    const value = JSON.parse(state.get(key) ?? '0') as T;
    return value?.[required] ? value : undefined;
  });
}
