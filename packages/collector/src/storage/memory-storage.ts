/** In-memory storage adapter for unit tests and demos; same contract as SQLite, nothing survives a restart. */
import { applyBatch } from './apply-batch.js';
import { anonymousKey, userKey, type BatchTx, type LinkKind } from './batch-tx.js';
import { createMemorySegmentStore } from './memory-segment-store.js';
import { eraseUser, exportUserPage } from './memory-user-data.js';
import type { FactsValue, NewProject, Project, ProfileQuery, ProfileView, ScannedEvent, Storage, StoredEvent } from './storage.js';

export interface MemoryState {
  projects: Map<string, Project>;
  /** Events in insertion order; `seq` is the index + 1. */
  events: Array<{ projectId: string; seq: number; event: StoredEvent } | undefined>;
  messageIds: Set<string>;
  links: Map<string, string>;
  profiles: Map<string, { facts: FactsValue; version: number; updatedAtMs: number }>;
  configs: Map<string, { config: unknown; version: number }>;
}

const k = (...parts: string[]): string => parts.join('\u0000');

export function createMemoryStorage(): Storage {
  const state: MemoryState = {
    projects: new Map(),
    events: [],
    messageIds: new Set(),
    links: new Map(),
    profiles: new Map(),
    configs: new Map(),
  };
  const byKey = (field: 'writeKey' | 'secretKey', key: string): Project | null => {
    for (const p of state.projects.values()) if (p[field] === key) return { ...p };
    return null;
  };
  const must = (projectId: string): Project => {
    const p = state.projects.get(projectId);
    if (!p) throw new Error(`unknown project ${projectId}`);
    return p;
  };
  const profileView = (projectId: string, key: string): ProfileView | null => {
    const p = state.profiles.get(k(projectId, key));
    if (!p) return null;
    const id = key.slice(2);
    return { ...(key.startsWith('u:') ? { userId: id } : { anonymousId: id }), facts: p.facts, version: p.version, updatedAtMs: p.updatedAtMs };
  };
  const readProfileNow = (projectId: string, who: ProfileQuery): ProfileView | null => {
    if ('userId' in who) {
      const userId = state.links.get(k(projectId, 'u', who.userId)) ?? who.userId;
      return profileView(projectId, userKey(userId));
    }
    const linked = who.followLinks ? state.links.get(k(projectId, 'a', who.anonymousId)) : undefined;
    return profileView(projectId, linked !== undefined ? userKey(linked) : anonymousKey(who.anonymousId));
  };

  const segments = createMemorySegmentStore(state);

  return {
    async createProject(input: NewProject) {
      if (state.projects.has(input.id)) throw new Error(`project ${input.id} exists`);
      if (byKey('writeKey', input.writeKey) || byKey('secretKey', input.secretKey)) throw new Error('key already in use');
      const project: Project = { ...input, corsOrigins: input.corsOrigins ?? [], identityVerification: input.identityVerification ?? true, createdAtMs: Date.now() };
      state.projects.set(project.id, project);
      return { ...project };
    },
    async listProjects() {
      return [...state.projects.values()].map((p) => ({ ...p }));
    },
    async findProjectByWriteKey(key) {
      return byKey('writeKey', key);
    },
    async findProjectBySecretKey(key) {
      return byKey('secretKey', key);
    },
    async updateProject(projectId, patch) {
      const next = { ...must(projectId), ...patch };
      state.projects.set(projectId, next);
      return { ...next };
    },
    async commitBatch(projectId, events, reducer) {
      // Stage every write, then apply them only if the whole unit of work succeeded.
      const newEvents: StoredEvent[] = [];
      const newIds = new Set<string>();
      const links = new Map<string, string>();
      const profiles = new Map<string, { facts: FactsValue; version: number } | null>();
      const tx: BatchTx = {
        insertEvent(e) {
          const id = k(projectId, e.messageId);
          if (state.messageIds.has(id) || newIds.has(id)) return false;
          newIds.add(id);
          newEvents.push(e);
          return true;
        },
        getLink: (kind: LinkKind, id) => links.get(k(projectId, kind, id)) ?? state.links.get(k(projectId, kind, id)),
        putLink: (kind, id, userId) => void links.set(k(projectId, kind, id), userId),
        repointLinks(from, to) {
          const prefix = k(projectId, '');
          for (const [key, target] of state.links) if (key.startsWith(prefix) && (links.get(key) ?? target) === from) links.set(key, to);
          for (const [key, target] of links) if (target === from) links.set(key, to);
        },
        getProfile(key) {
          const staged = profiles.get(k(projectId, key));
          if (staged !== undefined) return staged ?? undefined;
          return state.profiles.get(k(projectId, key));
        },
        putProfile: (key, facts, version) => void profiles.set(k(projectId, key), { facts, version }),
        deleteProfile: (key) => void profiles.set(k(projectId, key), null),
      };
      const result = applyBatch(tx, events, reducer);
      const now = Date.now();
      for (const e of newEvents) state.events.push({ projectId, seq: state.events.length + 1, event: e });
      for (const id of newIds) state.messageIds.add(id);
      for (const [key, userId] of links) state.links.set(key, userId);
      for (const [key, p] of profiles) {
        if (p) state.profiles.set(key, { ...p, updatedAtMs: now });
        else state.profiles.delete(key);
      }
      return result;
    },
    readProfileNow,
    readProfile: async (projectId, who) => readProfileNow(projectId, who),
    async exportUser(projectId, userId, page) {
      return exportUserPage(state, projectId, userId, page, (key) => profileView(projectId, key));
    },
    async deleteUser(projectId, userId) {
      return eraseUser(state, projectId, userId, (keys) => segments.eraseUsers(projectId, keys));
    },
    async scanEvents(projectId, q) {
      const names = new Set(q.names);
      const out: ScannedEvent[] = [];
      for (const row of state.events) {
        if (!row || row.projectId !== projectId || row.seq <= q.afterSeq || !names.has(row.event.name ?? '')) continue;
        const e = row.event;
        const userId = e.userId ?? (e.anonymousId !== undefined ? state.links.get(k(projectId, 'a', e.anonymousId)) : undefined);
        out.push({ seq: row.seq, name: e.name!, timestampMs: e.timestampMs, payload: e.payload,
          ...(userId !== undefined ? { userId } : {}), ...(e.anonymousId !== undefined ? { anonymousId: e.anonymousId } : {}) });
        if (out.length >= q.limit) break;
      }
      return out;
    },
    async scanProfiles(projectId, q) {
      const prefix = k(projectId, '');
      const keys: string[] = [];
      for (const key of state.profiles.keys()) if (key.startsWith(prefix) && key.slice(prefix.length) > q.afterKey) keys.push(key.slice(prefix.length));
      return keys.sort().slice(0, q.limit).map((key) => {
        const p = state.profiles.get(k(projectId, key))!;
        return { key, facts: p.facts, updatedAtMs: p.updatedAtMs };
      });
    },
    segments,
    async getProjectConfig(projectId) {
      return state.configs.get(projectId) ?? null;
    },
    async putProjectConfig(projectId, config) {
      const version = (state.configs.get(projectId)?.version ?? 0) + 1;
      state.configs.set(projectId, { config, version });
      return { version };
    },
    async checkWrite() {},
    async close() {},
  };
}

export { k as memoryKey };
