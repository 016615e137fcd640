// A generated sample population for the demo and the dashboard's end-to-end test: deterministic for a seed and
// an end time. Each person signs up on some day of the window (every day has signups), follows one of five
// habits (a loyal core, regulars, casual visitors who fade, one-visit people, and people who go dormant and come
// back), walks the onboarding checklist with drop-off at each step, sees the invite nudge or is held out of it,
// and some buy ("Order Completed" with a revenue, for RFM and churn risk). Events are Segment-spec objects.

// The collector's own seeded generator (mulberry32, built by `npm run build`, which the demo and the tests run first).
import { seededRandom } from '../packages/collector/dist/segments/seeded-random.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Habits: share of people, chance of a visit on a day, chance of a purchase on a visit. */
const HABITS = [
  { name: 'loyal', share: 0.12, visit: () => 0.75, buy: 0.12 },
  { name: 'regular', share: 0.25, visit: () => 0.3, buy: 0.06 },
  { name: 'casual', share: 0.28, visit: (age) => (age < 10 ? 0.25 : 0.03), buy: 0.03 },
  { name: 'once', share: 0.2, visit: (age) => (age === 0 ? 1 : 0), buy: 0.08 },
  { name: 'comeback', share: 0.15, visit: (age, p) => (age < p.awayFrom ? 0.4 : age < p.awayUntil ? 0 : 0.35), buy: 0.07 },
];
const PAGES = ['/', '/projects', '/deploys', '/settings', '/docs', '/pricing'];
const ACTIONS = ['Dashboard Viewed', 'Report Exported', 'Search Performed', 'Build Started'];
const PLANS = ['free', 'free', 'free', 'pro', 'team'];
/** The onboarding checklist's steps in order, with the chance of doing each once the one before is done. */
const STEPS = [['Project Created', 0.85], ['Repository Connected', 0.7], ['Teammate Invited', 0.5], ['Deployed', 0.65]];

/**
 * @param {{ seed?: number, users?: number, days?: number, endMs?: number }} [options]
 *   seed @default 42; users @default 3000; days @default 90; endMs (the last event's latest time) @default Date.now()
 * @returns {Generator<object[]>} one array of events per person, in time order
 */
export function* generatePopulation({ seed = 42, users = 3000, days = 90, endMs = Date.now() } = {}) {
  const random = seededRandom(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const firstDayMs = Math.floor(endMs / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  for (let i = 0; i < users; i++) {
    const r = random();
    let acc = 0;
    const habit = HABITS.find((h) => (acc += h.share) >= r) ?? HABITS[0];
    // Signups every day, more towards the end of the window (growth).
    const signup = Math.min(days - 1, Math.floor(days * Math.sqrt(random())));
    const params = { awayFrom: 5 + Math.floor(random() * 15), awayUntil: 0 };
    params.awayUntil = params.awayFrom + 18 + Math.floor(random() * 20);
    const anonymousId = `demo-anon-${seed}-${i}`;
    const userId = random() < 0.9 ? `demo-user-${i}` : undefined;
    const events = [];
    let n = 0;
    const at = (day, hour) => Math.min(endMs - 1000, firstDayMs + day * DAY_MS + hour * HOUR_MS + Math.floor(random() * HOUR_MS));
    const push = (type, day, hour, fields) => events.push({
      type, messageId: `demo-${seed}-${i}-${n++}`, anonymousId, ...(userId && events.length ? { userId } : {}),
      timestamp: new Date(at(day, hour)).toISOString(), ...fields,
    });
    const startHour = 7 + Math.floor(random() * 12);
    push('page', signup, startHour, { name: 'Home', properties: { path: '/' } });
    if (userId) push('identify', signup, startHour, { userId, traits: { plan: pick(PLANS), signupDay: new Date(at(signup, 0)).toISOString().slice(0, 10) } });
    // Onboarding: each step a few hours to a few days after the previous one, while the person still visits.
    let stepDay = signup;
    let stepHour = startHour;

    for (const [event, chance] of STEPS) {
      if (random() > chance) break;
      if (event === 'Teammate Invited') {
        const heldOut = random() < 0.1;
        push('track', stepDay, stepHour, { event: heldOut ? 'Nudge Held Out' : 'Nudge Shown', properties: { nudgeId: 'invite-team' } });
        if (heldOut && random() < 0.35) break; // the nudge helps: without it fewer invite
      }
      stepHour += 1 + Math.floor(random() * 30);
      stepDay += Math.floor(stepHour / 24);
      stepHour %= 24;
      if (stepDay >= days) break;
      push('track', stepDay, stepHour, { event, properties: {} });
      if (event === 'Deployed') push('track', stepDay, Math.min(23, stepHour + 1), { event, properties: {} });
    }
    for (let day = signup; day < days; day++) {
      if (random() >= habit.visit(day - signup, params)) continue;
      const hour = 7 + Math.floor(random() * 14);
      const views = 1 + Math.floor(random() * 3);
      for (let v = 0; v < views; v++) push('page', day, hour, { name: 'App', properties: { path: pick(PAGES) } });
      if (random() < 0.6) push('track', day, hour, { event: pick(ACTIONS), properties: {} });
      if (random() < habit.buy) push('track', day, hour, { event: 'Order Completed', properties: { revenue: Math.round((15 + random() * random() * 180) * 100) / 100, currency: 'EUR' } });
    }
    events.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
    yield events;
  }
}
