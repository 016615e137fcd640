/** Merges the configuration given at init with the project's configuration fetched from the collector. */

import { isObject } from './is-object.js';

type Entry = Record<string, unknown>;

const hasId = (value: unknown): value is { id: string } => typeof (value as { id?: unknown } | null)?.id === 'string';


function mergeById(local: unknown[], remote: unknown[]): unknown[] {
  const byId = new Map<string, unknown>();
  const loose: unknown[] = [];
  for (const item of [...local, ...remote]) {
    if (hasId(item)) byId.set(item.id, item);
    else loose.push(item);
  }
  return [...byId.values(), ...loose];
}

/**
 * The effective configuration: the init options are the bundled defaults and the collector's copy
 * overrides them — lists of `{ id }` entries (checklists, nudges, segments) entry by entry, objects
 * (status thresholds, nudge limits) key by key, anything else as a whole. Pure.
 */
export function resolveConfig<T extends object>(local: T, remote: Partial<T> | undefined): T {
  if (!remote) return local;
  const out: Entry = { ...(local as Entry) };
  for (const [key, value] of Object.entries(remote as Entry)) {
    if (value === undefined) continue;
    const mine = out[key];
    if (Array.isArray(mine) && Array.isArray(value)) out[key] = mergeById(mine, value);
    else if (isObject(mine) && isObject(value)) out[key] = { ...mine, ...value };
    else out[key] = value;
  }
  return out as T;
}
