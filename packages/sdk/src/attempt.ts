/** Runs a step that may throw (a blocked browser API, a listener's bug, corrupt stored data) without letting it reach the app. */

/** `fn()`, or `fallback` when it throws. */
export function attempt<T, F = undefined>(fn: () => T, fallback?: F): T | F {
  try {
    return fn();
  } catch {
    return fallback as F;
  }
}
