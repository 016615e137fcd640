/** The answers of the collector's existing analytics routes, as the dashboard reads them. */

export type Status = 'new' | 'active' | 'loyal' | 'dormant' | 'churned' | 'resurrected';
export const STATUSES: readonly Status[] = ['new', 'active', 'loyal', 'dormant', 'churned', 'resurrected'];

/** `GET /v1/admin/analytics/overview?days=` */
export interface Overview {
  asOf: string;
  people: { total: number; identified: number; anonymous: number };
  lifecycle: Record<Status, number>;
  activity: { dau: number; wau: number; mau: number; stickiness: number | null; daily: Array<{ date: string; active: number }> };
  onboarding: Array<{
    id: string; people: number; completed: number; completionRate: number | null;
    steps: Array<{ id: string; done: number; medianMs?: number | null }>;
  }>;
  segments: Array<{ id: string; people: number }>;
  events: { total: number; purchases: number; revenue: number; top: Array<{ name: string; count: number }> };
}

/** `GET /v1/admin/config/lift` */
export interface LiftAnswer {
  goal: string | null;
  nudges: Array<{
    nudgeId: string; goal: string; excluded: number; lift: number | null; relativeLift: number | null; z: number | null;
    shown: { users: number; converted: number; rate: number | null };
    heldOut: { users: number; converted: number; rate: number | null };
  }>;
}

/** `GET /v1/admin/project` */
export interface ProjectAnswer {
  id: string;
  name: string;
}

/** Colours of the lifecycle statuses (also used by the CSS swatches). */
export const STATUS_COLORS: Record<Status, string> = {
  new: '#5b9cf5', active: '#2f62c7', loyal: '#1c8a4e', dormant: '#d99a12', churned: '#c0392b', resurrected: '#8e44ad',
};
