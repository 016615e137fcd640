/** The Worker's bindings: the Durable Object namespace and the same `WAYMARK_*` variables the CLI reads. */
import type { DurableObjectNamespace } from 'cloudflare:workers';
import type { RecomputeSummary } from '../segments/recompute-project.js';

/** The object's RPC methods the Worker's cron calls (waymark-collector.ts). */
export interface CollectorRpc {
  /** The projects a cron run recomputes. */
  projectIds(): Promise<string[]>;
  /** Recomputes one project's population results (recomputeProject). */
  recompute(projectId: string): Promise<RecomputeSummary>;
}

export interface WorkerEnv {
  /** The collector's Durable Object class (`WaymarkCollector`, with SQLite storage). */
  WAYMARK_COLLECTOR: DurableObjectNamespace<CollectorRpc>;
  /** The default project's write key. @default generated once and logged on creation */
  WAYMARK_WRITE_KEY?: string;
  /** The default project's secret key (use `wrangler secret put`). @default generated once and logged on creation */
  WAYMARK_SECRET_KEY?: string;
  /** Comma-separated origins allowed to send from browsers, or `*`. */
  WAYMARK_CORS_ORIGINS?: string;
  /** `1`/`0`: require `userHash` on `GET /v1/status?userId=`. */
  WAYMARK_IDENTITY_VERIFICATION?: string;
  /** `none` | `truncated` | `hashed`. @default 'none' */
  WAYMARK_IP_MODE?: string;
  WAYMARK_IP_SALT?: string;
  /** Requests/s per write key, 0 = off. @default 1000 */
  WAYMARK_KEY_RPS?: string;
  /** Requests/s per client IP (CF-Connecting-IP), 0 = off. @default 100 */
  WAYMARK_IP_RPS?: string;
  /** @default 'info' */
  WAYMARK_LOG_LEVEL?: string;
  /** Which object serves this deployment (several deployments may share one namespace). @default 'default' */
  WAYMARK_OBJECT_NAME?: string;
}
