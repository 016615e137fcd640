/** The collector's storage port: every route sees only this interface (async so D1 and PostgreSQL fit). */
import type { WireEvent } from '@waymark/core';
import type { StreamGapStore } from '../ops/stream-gaps.js';
import type { SegmentStore } from './segment-store.js';

/** A plain JSON-serialisable per-user summary; its meaning belongs to core's facts reducer. */
export type FactsValue = unknown;

export interface Project {
  id: string;
  name: string;
  /** Public, ingest and status only. */
  writeKey: string;
  /** Private: admin, export, deletion. Never accepted where a write key is expected, and vice versa. */
  secretKey: string;
  /** Origins allowed to send from browsers; `*` allows any (an explicit choice, never a default). */
  corsOrigins: string[];
  /**
   * When true, `GET /v1/status?userId=` needs `userHash = HMAC-SHA256(secretKey, userId)`, and an anonymous id reads
   * only its own profile, never the user it was linked to. Turning it off lets anyone holding the public write key
   * read any user's status by id.
   */
  identityVerification: boolean;
  createdAtMs: number;
}

export interface NewProject {
  id: string;
  name: string;
  writeKey: string;
  secretKey: string;
  /** @default [] (no browser origin) */
  corsOrigins?: string[];
  /** @default true */
  identityVerification?: boolean;
}

export type ProjectPatch = Partial<Pick<Project, 'name' | 'writeKey' | 'secretKey' | 'corsOrigins' | 'identityVerification'>>;

/** One validated event ready to store. */
export interface StoredEvent {
  messageId: string;
  type: WireEvent['type'];
  userId?: string;
  anonymousId?: string;
  /** Event name (track) or page/screen name. */
  name?: string;
  /** Skew-corrected event time. */
  timestampMs: number;
  /** The device's original `timestamp`, as sent. */
  originalTimestamp?: string;
  sentAt?: string;
  receivedAtMs: number;
  /** Truncated or hashed client IP when the project keeps one; never the raw address. */
  ip?: string;
  /** The event as stored (JSON text). */
  payload: string;
  /** The event handed to the facts reducer (timestamp = corrected time). */
  wire: WireEvent;
}

/** The facts algebra from core, passed in so storage stays independent of its details. */
/** Pure functions: they return new values and never modify their inputs (adapters may cache and share facts). */
export interface FactsReducer {
  empty(): FactsValue;
  /** Folds events (in order) into facts; called once per touched profile per batch. */
  reduce(facts: FactsValue, events: readonly WireEvent[]): FactsValue;
  merge(a: FactsValue, b: FactsValue): FactsValue;
}

export interface CommitResult {
  accepted: number;
  /** messageIds already stored (earlier batch or earlier in this batch). */
  duplicates: string[];
}

export interface ProfileView {
  /** Set when the profile belongs to an identified user. */
  userId?: string;
  anonymousId?: string;
  facts: FactsValue;
  /** `JSON.stringify(facts)` when the adapter has it at hand (saves serialising it again). */
  factsJson?: string;
  version: number;
  updatedAtMs: number;
}

export interface IdentityLink {
  kind: 'anonymous' | 'user';
  id: string;
  userId: string;
}

export interface ExportedEvent {
  messageId: string;
  timestampMs: number;
  receivedAtMs: number;
  originalTimestamp?: string;
  sentAt?: string;
  payload: string;
}

/** One row of `Storage.scanEvents`. */
export interface ScannedEvent {
  seq: number;
  name: string;
  userId?: string;
  anonymousId?: string;
  timestampMs: number;
  payload: string;
}

/** A stored profile as reports read it; `key` is `u:<userId>` or `a:<anonymousId>`. */
export interface ScannedProfile {
  key: string;
  facts: FactsValue;
  updatedAtMs: number;
}

export interface UserErasure {
  events: number;
  profiles: number;
  identityLinks: number;
}

/** Whose profile to read: a user id (following aliases) or an anonymous id (following identity links when asked). */
export type ProfileQuery = { userId: string } | { anonymousId: string; followLinks: boolean };

/** A committed change that makes cached projects or configs stale; `all`: anything may have changed (e.g. after a reconnect). */
export type StorageChange = { kind: 'project' | 'config'; projectId: string } | { kind: 'all' };

export interface Storage {
  createProject(project: NewProject): Promise<Project>;
  listProjects(): Promise<Project[]>;
  findProjectByWriteKey(writeKey: string): Promise<Project | null>;
  findProjectBySecretKey(secretKey: string): Promise<Project | null>;
  updateProject(projectId: string, patch: ProjectPatch): Promise<Project>;
  /** Stores the new events and updates the profiles they touch, atomically; duplicates are skipped. */
  commitBatch(projectId: string, events: StoredEvent[], reducer: FactsReducer): Promise<CommitResult>;
  /** The profile for a user id (following aliases) or an anonymous id (following identity links when asked). */
  readProfile(projectId: string, who: ProfileQuery): Promise<ProfileView | null>;
  /**
   * `readProfile` without the promise, for adapters whose reads are synchronous anyway (better-sqlite3, memory):
   * GET /v1/status then answers in the same turn, without a microtask hop per await. Optional: without it the
   * route awaits `readProfile`.
   */
  readProfileNow?(projectId: string, who: ProfileQuery): ProfileView | null;
  /** The user's profile, identity links and events (paged by `afterSeq`, ascending). */
  exportUser(projectId: string, userId: string, page: { afterSeq: number; limit: number }): Promise<{ events: Array<ExportedEvent & { seq: number }>; profile: ProfileView | null; links: IdentityLink[] }>;
  /** Erases the user's events (including linked anonymous ids), profiles and identity links. */
  deleteUser(projectId: string, userId: string): Promise<UserErasure>;
  /**
   * Stored events with one of `names`, ascending by `seq` after `afterSeq` (for reports such as nudge lift).
   * `userId` is the event's user id, or the user its anonymous id is linked to. Optional: an adapter
   * without it makes those reports answer 501.
   */
  scanEvents?(projectId: string, q: { names: string[]; afterSeq: number; limit: number }): Promise<ScannedEvent[]>;
  /**
   * The project's profiles in ascending `key` order after `afterKey` ('' to start), for reports such as the
   * analytics overview. Optional: an adapter without it makes those reports answer 501.
   */
  scanProfiles?(projectId: string, q: { afterKey: string; limit: number }): Promise<ScannedProfile[]>;
  /** Population-segment results (activity histories, daily snapshots, precomputed models). Optional: see segment-store.ts. */
  segments?: SegmentStore;
  /**
   * Delivery-gap counts per device stream and tab, kept by the storage in each batch's own transaction (so exact
   * with several processes on one database, and kept across restarts). Optional: without it, each collector
   * process counts in memory from `commitBatch`'s results (exact for one process). See ops/stream-gaps.ts.
   */
  streamGaps?: StreamGapStore;
  getProjectConfig(projectId: string): Promise<{ config: unknown; version: number } | null>;
  putProjectConfig(projectId: string, config: unknown): Promise<{ version: number }>;
  /**
   * Calls `listener` when a project (keys, origins, settings) or a config changed, in this process or in another
   * one sharing the database, so the app drops cached copies at once instead of after their TTL. Optional:
   * without it those caches rely on their TTLs alone. Returns a function that stops the calls.
   */
  watchChanges?(listener: (change: StorageChange) => void): () => void;
  /** Proves the write path works (a tiny committed write). */
  checkWrite(nowMs: number): Promise<void>;
  close(): Promise<void>;
}
