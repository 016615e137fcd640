/** The synchronous view of one open transaction that `applyBatch` runs against (one per adapter). */
import type { FactsValue, StoredEvent } from './storage.js';

export type LinkKind = 'a' | 'u';

export interface BatchTx {
  /** Inserts unless (project, messageId) exists; returns false for a duplicate. */
  insertEvent(event: StoredEvent): boolean;
  /** The canonical user id an anonymous id ('a') or an aliased user id ('u') points to. */
  getLink(kind: LinkKind, id: string): string | undefined;
  putLink(kind: LinkKind, id: string, userId: string): void;
  /** Repoints every link that targets `fromUserId` to `toUserId` (after an alias). */
  repointLinks(fromUserId: string, toUserId: string): void;
  getProfile(key: string): { facts: FactsValue; version: number } | undefined;
  putProfile(key: string, facts: FactsValue, version: number): void;
  deleteProfile(key: string): void;
}

/** Profile keys: `u:<userId>` for users, `a:<anonymousId>` for not-yet-identified visitors. */
export const userKey = (userId: string): string => `u:${userId}`;
export const anonymousKey = (anonymousId: string): string => `a:${anonymousId}`;
