/** `GET /v1/admin/users/:userId`: one user as the lookup shows them. */
export interface UserAnswer {
  userId: string | null;
  anonymousId: string | null;
  facts: { first?: number; last?: number; active?: number; days?: number[]; traits?: Record<string, unknown>; [k: string]: unknown };
  status: { status: string; reason: string };
  segments: string[];
  onboarding: Array<{ id: string; done: number; total: number; progress: number; next?: string; steps: Array<{ id: string; done: boolean }> }>;
  nudges: Array<{ id: string; eligible: boolean; holdout: boolean; reasons: string[] }>;
  recentEvents: Array<{ type: string; name: string | null; timestamp: string; messageId: string }>;
  /** Population models' per-user results once computed (the same `population` as GET /v1/status). */
  population?: { rfm?: string; pAlive?: number; persona?: { id: string; name: string }; asOf?: string } | null;
  asOf: string;
}
