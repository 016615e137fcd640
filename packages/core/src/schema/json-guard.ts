/** Structural guard for untrusted JSON: bounded depth, no prototype-polluting keys, plain values only. */

/** Keys that can poison prototypes when a value is merged or assigned into another object. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `FORBIDDEN_KEYS.has(key)` as three comparisons: JSON.parse's keys are internalised strings, so each compare
 * is a pointer check, cheaper than a set lookup at every key of every ingested event.
 */
export const isForbiddenKey = (key: string): boolean => key === '__proto__' || key === 'constructor' || key === 'prototype';

export interface JsonGuardIssue {
  /** Dotted path of the offending value, e.g. `properties.a.b`. */
  path: string;
  message: string;
}

/**
 * Walks `value` and returns the first structural problem, or `null` when it is safe JSON.
 * Depth counts containers: a flat object is depth 1. The path is only assembled when there is a problem,
 * so checking valid input (the ingest hot path) allocates nothing.
 */
export function checkJson(value: unknown, maxDepth: number, path = ''): JsonGuardIssue | null {
  const issue = walk(value, maxDepth, 0);
  if (!issue) return null;
  // Segments were pushed innermost first, on the way back up.
  for (let i = issue.at.length - 1; i >= 0; i--) {
    const seg = issue.at[i]!;
    path = typeof seg === 'number' ? `${path}[${seg}]` : path ? `${path}.${seg}` : seg;
  }
  return { path, message: issue.message };
}

interface WalkIssue {
  /** Keys and indexes from the offending value up to the root. */
  at: Array<string | number>;
  message: string;
}

function walk(value: unknown, maxDepth: number, depth: number): WalkIssue | null {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : { at: [], message: 'number must be finite' };
    case 'object':
      break;
    default:
      return { at: [], message: `${typeof value} is not a JSON value` };
  }
  if (depth + 1 > maxDepth) return { at: [], message: `nesting deeper than ${maxDepth} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const issue = walk(value[i], maxDepth, depth + 1);
      if (issue) return issue.at.push(i), issue;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return { at: [], message: 'not a plain object' };
  for (const key of Object.keys(value)) {
    if (isForbiddenKey(key)) return { at: [key], message: `key "${key}" is not allowed` };
    const issue = walk((value as Record<string, unknown>)[key], maxDepth, depth + 1);
    if (issue) return issue.at.push(key), issue;
  }
  return null;
}
