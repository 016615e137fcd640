export { createApp } from './app.js';
export type { CreateAppOptions } from './app.js';
export type { CollectorConfig } from './config.js';
export type { AppDeps } from './deps.js';
export { basicAuthUser, presentedKey, projectForWriteKey, requireSecretKey, userHash, verifyUserHash } from './auth.js';
export type { AppEnv } from './auth.js';
export { generateKey, generateProjectId } from './keys.js';
export { createMemoryStorage } from './storage/memory-storage.js';
export type {
  CommitResult,
  FactsReducer,
  NewProject,
  Project,
  ProfileView,
  Storage,
  StoredEvent,
  UserErasure,
} from './storage/storage.js';
export type { ActivityMark, ActivityRow, ActivityScanRow, SegmentStore, SnapshotRow } from './storage/segment-store.js';
export { createJsonLogger, silentLogger } from './ops/logger.js';
export type { Logger, LogLevel } from './ops/logger.js';
export { createMetrics } from './ops/metrics.js';
export type { Metrics } from './ops/metrics.js';
export type { RateLimit } from './ops/token-bucket.js';
export type { IpMode } from './ingest/ip-policy.js';
export * from './segments/index.js';
