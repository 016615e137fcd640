/** Structural guard for untrusted JSON: bounded depth, no prototype-polluting keys, plain values only. */

/** Keys that can poison prototypes when a value is merged or assigned into another object. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonGuardIssue {
  /** Dotted path of the offending value, e.g. `properties.a.b`. */
  path: string;
  message: string;
}

/**
 * Walks `value` and returns the first structural problem, or `null` when it is safe JSON.
 * Depth counts containers: a flat object is depth 1.
 */
export function checkJson(value: unknown, maxDepth: number, path = ''): JsonGuardIssue | null {
  return walk(value, maxDepth, 0, path);
}

function walk(value: unknown, maxDepth: number, depth: number, path: string): JsonGuardIssue | null {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : { path, message: 'number must be finite' };
    case 'object':
      break;
    default:
      return { path, message: `${typeof value} is not a JSON value` };
  }
  if (depth + 1 > maxDepth) return { path, message: `nesting deeper than ${maxDepth} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const issue = walk(value[i], maxDepth, depth + 1, `${path}[${i}]`);
      if (issue) return issue;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return { path, message: 'not a plain object' };
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return { path: at, message: `key "${key}" is not allowed` };
    const issue = walk((value as Record<string, unknown>)[key], maxDepth, depth + 1, at);
    if (issue) return issue;
  }
  return null;
}
