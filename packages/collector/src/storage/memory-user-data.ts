/** Export and erasure of one user's data for the memory adapter (events, profiles, identity links). */
import { anonymousKey, userKey } from './batch-tx.js';
import type { MemoryState } from './memory-storage.js';
import type { ExportedEvent, IdentityLink, ProfileView, StoredEvent, UserErasure } from './storage.js';

interface UserIds {
  userIds: Set<string>;
  anonymousIds: Set<string>;
  linkKeys: string[];
  links: IdentityLink[];
}

function idsOf(state: MemoryState, projectId: string, userId: string): UserIds {
  const prefix = `${projectId}\u0000`;
  const ids: UserIds = { userIds: new Set([userId]), anonymousIds: new Set(), linkKeys: [], links: [] };
  for (const [key, target] of state.links) {
    if (!key.startsWith(prefix) || target !== userId) continue;
    const [, kind, id] = key.split('\u0000') as [string, 'a' | 'u', string];
    (kind === 'a' ? ids.anonymousIds : ids.userIds).add(id);
    ids.linkKeys.push(key);
    ids.links.push({ kind: kind === 'a' ? 'anonymous' : 'user', id, userId });
  }
  return ids;
}

/** An event belongs to the user when its userId is theirs, or it has no userId and an anonymous id of theirs. */
export function belongsTo(e: StoredEvent, ids: Pick<UserIds, 'userIds' | 'anonymousIds'>): boolean {
  return e.userId !== undefined ? ids.userIds.has(e.userId) : e.anonymousId !== undefined && ids.anonymousIds.has(e.anonymousId);
}

export function exportUserPage(
  state: MemoryState,
  projectId: string,
  userId: string,
  page: { afterSeq: number; limit: number },
  profile: (key: string) => ProfileView | null,
): { events: Array<ExportedEvent & { seq: number }>; profile: ProfileView | null; links: IdentityLink[] } {
  const ids = idsOf(state, projectId, userId);
  const events: Array<ExportedEvent & { seq: number }> = [];
  for (const row of state.events) {
    if (events.length >= page.limit) break;
    if (!row || row.projectId !== projectId || row.seq <= page.afterSeq || !belongsTo(row.event, ids)) continue;
    const { messageId, timestampMs, receivedAtMs, originalTimestamp, sentAt, payload } = row.event;
    events.push({ seq: row.seq, messageId, timestampMs, receivedAtMs, originalTimestamp, sentAt, payload });
  }
  return { events, profile: profile(userKey(userId)), links: ids.links };
}

/** `alsoErase` receives the erased profile keys (for data kept outside `state`, such as segment histories). */
export function eraseUser(state: MemoryState, projectId: string, userId: string, alsoErase?: (keys: string[]) => void): UserErasure {
  const ids = idsOf(state, projectId, userId);
  let events = 0;
  state.events.forEach((row, i) => {
    if (!row || row.projectId !== projectId || !belongsTo(row.event, ids)) return;
    state.events[i] = undefined;
    state.messageIds.delete(`${projectId}\u0000${row.event.messageId}`);
    events++;
  });
  let profiles = 0;
  const keys = [...[...ids.userIds].map(userKey), ...[...ids.anonymousIds].map(anonymousKey)];
  for (const key of keys) if (state.profiles.delete(`${projectId}\u0000${key}`)) profiles++;
  for (const key of ids.linkKeys) state.links.delete(key);
  alsoErase?.(keys);
  return { events, profiles, identityLinks: ids.linkKeys.length };
}
