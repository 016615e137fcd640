/** Value conditions shared by trait predicates and onboarding step property filters. */
import type { JsonValue } from '../wire.js';

/**
 * A condition on one value; every operator given must hold. Without `exists` and `neq`, an absent
 * (or null) value never matches. `gt`/`lt` compare numbers with numbers and strings with strings
 * (ISO dates sort as strings); use `not` around a predicate for ≤ and ≥.
 */
export interface ValueCondition {
  eq?: JsonValue;
  neq?: JsonValue;
  in?: JsonValue[];
  gt?: number | string;
  lt?: number | string;
  /** `true`: present and not null; `false`: absent or null. */
  exists?: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const cmp = (v: unknown, x: number | string | undefined, sign: number): boolean =>
  x === undefined || (typeof v == typeof x && ((v as typeof x) > x ? 1 : (v as typeof x) < x ? -1 : 0) == sign);

/** Whether `value` satisfies `cond` (`undefined` = absent). */
export function matchValue(cond: ValueCondition, value: JsonValue | undefined): boolean {
  const has = value != null;
  if (cond.exists !== undefined ? cond.exists !== has : !has && !('neq' in cond)) return false;
  return (
    (!('eq' in cond) || same(value, cond.eq)) &&
    (!('neq' in cond) || !same(value, cond.neq)) &&
    (!cond.in || cond.in.some((x) => same(value, x))) &&
    cmp(value, cond.gt, 1) &&
    cmp(value, cond.lt, -1)
  );
}

/** Whether an object's properties satisfy every per-key condition (`undefined` filter matches everything). */
export function matchProperties(where: Record<string, ValueCondition> | undefined, props: { [k: string]: JsonValue } | undefined): boolean {
  for (const k in where) if (!matchValue(where[k]!, props && Object.hasOwn(props, k) ? props[k] : undefined)) return false;
  return true;
}
