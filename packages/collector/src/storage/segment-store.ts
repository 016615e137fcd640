/**
 * The population-segment results store (optional part of the `Storage` port, `storage.segments`): per-user
 * activity histories, daily snapshots of every user's status and custom segments, and precomputed model results.
 * Adapters without it make the population routes answer 501 and `recompute` refuse.
 */

/** One stored event as the activity fold reads it (every type, ascending by `seq`). */
export interface ActivityScanRow {
  seq: number;
  /** `u:<userId>` with user aliases and anonymous ids resolved through identity links at scan time, else `a:<anonymousId>`. */
  key: string;
  anonymousId?: string;
  type: string;
  name?: string;
  timestampMs: number;
}

/** One user's activity history in local day numbers of the time zone recorded with the mark. */
export interface ActivityRow {
  key: string;
  first: number;
  /** Ascending, distinct. */
  days: number[];
}

/** How far the activity histories have folded the events, and in which time zone. */
export interface ActivityMark {
  seq: number;
  timeZone: string;
}

/** One user's state in a daily snapshot. */
export interface SnapshotRow {
  key: string;
  status: string;
  segments: string[];
}

export interface SegmentStore {
  scanActivity(projectId: string, q: { afterSeq: number; limit: number }): Promise<ActivityScanRow[]>;
  /** Histories in ascending key order after `afterKey` ('' to start). */
  readActivity(projectId: string, q: { afterKey: string; limit: number }): Promise<ActivityRow[]>;
  /** Upserts `rows` and deletes the `removed` keys (one transaction per call; callers pass pages). */
  writeActivity(projectId: string, rows: readonly ActivityRow[], removed: readonly string[]): Promise<void>;
  readActivityMark(projectId: string): Promise<ActivityMark | null>;
  setActivityMark(projectId: string, mark: ActivityMark): Promise<void>;
  /** Forgets every history and the mark (the time zone changed: the next recompute folds every event again). */
  clearActivity(projectId: string): Promise<void>;
  /**
   * Records the snapshot of local day `day` (replacing one already taken that day). `day` must not be before the
   * latest snapshot day (RangeError otherwise). Users absent from `rows` are absent from the snapshot.
   */
  putSnapshot(projectId: string, day: number, rows: readonly SnapshotRow[]): Promise<void>;
  /** The latest snapshot on or before `day` (null `day` when none), its rows in key order after `afterKey`. */
  readSnapshot(projectId: string, day: number, q: { afterKey: string; limit: number }): Promise<{ day: number | null; rows: SnapshotRow[] }>;
  /** Days with a snapshot, ascending. */
  snapshotDays(projectId: string): Promise<number[]>;
  /** Stores one precomputed result (JSON text) under `kind`, replacing the previous one. */
  putResult(projectId: string, kind: string, body: string, computedAtMs: number): Promise<void>;
  getResult(projectId: string, kind: string): Promise<{ body: string; computedAtMs: number } | null>;
}
