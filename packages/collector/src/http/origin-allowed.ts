/** Matching a browser's Origin against a project's CORS allow-list. */

/** Origins compare case-insensitively and without a trailing slash. */
const normalized = (origin: string): string => {
  const lower = origin.toLowerCase();
  return lower.endsWith('/') ? lower.slice(0, -1) : lower;
};

/** Each allow-list as a set of normalised origins (`true` when it has `*`), built once per list object. */
const sets = new WeakMap<readonly string[], Set<string> | true>();

/** True when `origin` is on the list (exact match, case-insensitive, trailing slash ignored) or the list has `*`. */
export function originAllowed(allowList: readonly string[], origin: string): boolean {
  let set = sets.get(allowList);
  if (set === undefined) {
    set = allowList.includes('*') ? true : new Set(allowList.map(normalized));
    sets.set(allowList, set);
  }
  return set === true || set.has(normalized(origin));
}
