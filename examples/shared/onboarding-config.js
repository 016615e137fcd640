// The onboarding examples' Waymark setup, in one file: the project config (checklist, nudges, rate limit,
// segments) that the demo puts on the collector (PUT /v1/admin/config) and that the pages read back with
// GET /v1/config, so the device's progress bar and the dashboard's funnel come from the same rules. Shared by the
// plain page (examples/onboarding), the React app (examples/react-onboarding), the demo and the tests.

/** The checklist's steps with the labels the pages show. */
export const STEPS = [
  { id: 'project', event: 'Project Created', label: 'Create your first project' },
  { id: 'connect', event: 'Repository Connected', label: 'Connect a repository' },
  { id: 'invite', event: 'Teammate Invited', label: 'Invite a teammate' },
  { id: 'deploy', event: 'Deployed', label: 'Deploy twice', count: 2 },
];

/** The nudges the examples explain in their debug panels. */
export const NUDGE_IDS = ['invite-team', 'finish-setup'];

/** The collector's project config (core's `ProjectConfig`). */
export const PROJECT_CONFIG = {
  checklists: [{ id: 'setup', steps: STEPS.map((s) => ({ id: s.id, event: s.event, ...(s.count && { count: s.count }) })) }],
  nudges: [
    {
      id: 'invite-team',
      placement: 'banner',
      priority: 10,
      maxShows: 3,
      segment: { all: [{ checklist: 'setup', step: 'project' }, { checklist: 'setup', step: 'invite', done: false }] },
      content: { title: 'Work together', body: 'Invite a teammate to review your deploys.', step: 'invite' },
    },
    {
      id: 'finish-setup',
      placement: 'banner',
      priority: 1,
      segment: { checklist: 'setup', done: false },
      content: { title: 'Almost there', body: 'Finish setting up to deploy with confidence.' },
    },
  ],
  // At most 5 nudge impressions a day across all nudges (the default is 3).
  rateLimit: { maxShows: 5, windowMs: 24 * 60 * 60 * 1000 },
  // Live segments, evaluated by the collector (GET /v1/status, the dashboard's segment sizes and members).
  segments: {
    onboarded: { checklist: 'setup', done: true },
    buyers: { metric: 'purchases', atLeast: 1 },
    'power-users': { metric: 'activeDays', atLeast: 20 },
    'stalled-setup': { all: [{ checklist: 'setup', step: 'project' }, { checklist: 'setup', done: false }, { metric: 'daysSinceActive', atLeast: 7 }] },
  },
};

/**
 * `createWaymark` options for the examples. The checklist, nudges and rate limit are passed too, so the page works
 * before its first GET /v1/config answer and offline on a first visit; the collector's copy (the same rules, put by
 * the demo) then takes precedence, id by id.
 * @param {{ host: string, writeKey: string }} demo where the collector is (the demo server's window.WAYMARK_DEMO)
 * @param {{ flushIntervalMs?: number }} [extra]
 */
export function onboardingOptions(demo, extra = {}) {
  return {
    writeKey: demo.writeKey,
    host: demo.host,
    flushIntervalMs: extra.flushIntervalMs ?? 1000,
    config: { rateLimit: PROJECT_CONFIG.rateLimit },
    checklists: PROJECT_CONFIG.checklists,
    nudges: PROJECT_CONFIG.nudges,
  };
}
