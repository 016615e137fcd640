/** Whose facts these are: the device keeps one user's facts at a time and starts afresh for another user. */
import type { StatusIdentity } from './status-host.js';

/**
 * True when `who` is the same person as `owner`. An anonymous visitor who identifies stays the same
 * person (their anonymous activity counts for the user); a different user id, a logout (user id gone)
 * or a reset (new anonymous id while anonymous) is another person.
 */
export function sameOwner(owner: StatusIdentity, who: StatusIdentity): boolean {
  if (owner.userId !== undefined) return who.userId === owner.userId;
  return who.anonymousId === owner.anonymousId;
}

/** Identity of a tracked event, if it names one. */
export function eventIdentity(event: { anonymousId?: string; userId?: string }): StatusIdentity | undefined {
  if (event.anonymousId === undefined && event.userId === undefined) return undefined;
  return { anonymousId: event.anonymousId ?? '', userId: event.userId };
}
