// The onboarding examples' Waymark setup, shared by the plain page (examples/onboarding) and the React app
// (examples/react-onboarding): four checklist steps, two banner nudges, a relaxed nudge rate limit.

/** The checklist's steps with the labels the pages show. */
export const STEPS = [
  { id: 'project', event: 'Project Created', label: 'Create your first project' },
  { id: 'connect', event: 'Repository Connected', label: 'Connect a repository' },
  { id: 'invite', event: 'Teammate Invited', label: 'Invite a teammate' },
  { id: 'deploy', event: 'Deployed', label: 'Deploy twice', count: 2 },
];

/** The nudges the examples explain in their debug panels. */
export const NUDGE_IDS = ['invite-team', 'finish-setup'];

/**
 * `createWaymark` options for the examples.
 * @param {{ host: string, writeKey: string }} demo where the collector is (the demo server's window.WAYMARK_DEMO)
 * @param {{ flushIntervalMs?: number }} [extra]
 */
export function onboardingOptions(demo, extra = {}) {
  return {
    writeKey: demo.writeKey,
    host: demo.host,
    flushIntervalMs: extra.flushIntervalMs ?? 1000,
    // At most 5 nudge impressions a day across all nudges (the default is 3).
    config: { rateLimit: { maxShows: 5, windowMs: 24 * 60 * 60 * 1000 } },
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
  };
}
