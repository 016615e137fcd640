/** Value conditions shared by trait predicates and onboarding step property filters. */
import type { JsonValue } from '../wire.js';

/**
 * A condition on one value; every operator given must hold (an empty condition means "exists").
 * `gt`/`gte`/`lt`/`lte` compare numbers with numbers and strings with strings (ISO dates sort as strings).
 */
export interface ValueCondition {
  eq?: JsonValue;
  neq?: JsonValue;
  in?: JsonValue[];
  nin?: JsonValue[];
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
  /** `true`: the value is present and not null; `false`: absent or null. */
  exists?: boolean;
}

const same = (a: unknown, b: unknown): boolean => a === b || (typeof a == 'object' && JSON.stringify(a) === JSON.stringify(b));
const cmp = (v: unknown, x: number | string | undefined, ok: (d: number) => boolean): boolean =>
  x === undefined || (typeof v == typeof x && ok(v! < x ? -1 : v! > x ? 1 : 0));

/** Whether `value` satisfies `cond` (`undefined` = absent). */
export function matchValue(cond: ValueCondition, value: JsonValue | undefined): boolean {
  const has = value !== undefined && value !== null;
  if (cond.exists !== undefined) {
    if (cond.exists !== has) return false;
  } else if (!has && !('neq' in cond) && !cond.nin) return false;
  return (
    (!('eq' in cond) || same(value, cond.eq)) &&
    (!('neq' in cond) || !same(value, cond.neq)) &&
    (!cond.in || cond.in.some((x) => same(value, x))) &&
    (!cond.nin || !cond.nin.some((x) => same(value, x))) &&
    cmp(value, cond.gt, (d) => d > 0) &&
    cmp(value, cond.gte, (d) => d >= 0) &&
    cmp(value, cond.lt, (d) => d < 0) &&
    cmp(value, cond.lte, (d) => d <= 0)
  );
}

/** Whether an object's properties satisfy every per-key condition (`undefined` filter matches everything). */
export function matchProperties(where: Record<string, ValueCondition> | undefined, props: { [k: string]: JsonValue } | undefined): boolean {
  for (const k in where) if (!matchValue(where[k]!, props && Object.hasOwn(props, k) ? props[k] : undefined)) return false;
  return true;
}
