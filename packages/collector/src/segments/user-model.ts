/** A population model fed one profile at a time during a recompute; its per-user answer joins the status read. */
import type { Facts } from '@waymark/core';

/** What a user's status answer carries from the population models (`population` in GET /v1/status). */
export interface UserFields {
  /** RFM group name. */
  rfm?: string;
  /** BG/NBD probability the customer is still active, rounded to 3 places. */
  pAlive?: number;
  persona?: { id: string; name: string };
}

export interface UserModel {
  /** The result kind stored (`personas`, `rfm`, `churn`). */
  kind: string;
  /** Called once per profile with any activity, in key order. */
  add(key: string, facts: Facts): void;
  /**
   * The model's result (stored as JSON under `kind`), or `null` when the population cannot support it (too few
   * users), and each user's fields.
   */
  finish(): { result: object | null; fieldsOf?: (key: string) => UserFields | undefined };
}

/** Everything a model factory may read: the project config and the time of the recompute. */
export interface ModelContext {
  config: Record<string, unknown>;
  nowMs: number;
}

export type UserModelFactory = (ctx: ModelContext) => UserModel;
