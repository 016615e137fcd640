// Population segments at scale: a generated population (deterministic seed, skewed: most users few events, a few
// very many) built directly as profiles (facts) and activity histories, NOT by ingesting events: 20M events through
// ingest would take far longer than the models on this shared machine. Times each model and the floor (a plain scan
// of the same profiles), each with its rate per million users.
// Goals (issue 11): lifecycle + RFM + P(alive) for 1M users <= 10 s; k-means on 100,000 users x 10 features <= 5 s.
// Run after `pnpm -r build`: node bench/segments.bench.mjs [--users 1000000] [--kmeans-users 100000]
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : Number(process.env[`BENCH_${name.toUpperCase().replace('-', '_')}`] ?? dflt);
};
const USERS = arg('users', 1_000_000);
const KMEANS_USERS = Math.min(arg('kmeans-users', 100_000), USERS);
const dist = (p) => import(join(root, 'packages/collector/dist', p));
const core = await import(join(root, 'packages/core/dist/index.js'));
const { lifecycleCounts } = await dist('segments/lifecycle.js');
const { retentionCohorts } = await dist('segments/retention.js');
const { periodOf } = await dist('segments/local-day.js');
const { personaFeatures, featureNames } = await dist('segments/persona-features.js');
const { kmeans } = await dist('segments/kmeans.js');
const { findPersonas, standardise } = await dist('segments/personas.js');
const churn = await dist('segments/index.js').catch(() => null);

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 6, 12);
const TODAY = Math.floor(NOW / DAY);
let seed = 11;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const NAMES = ['Page Viewed', 'Article Read', 'Search', 'Video Played', 'Order Completed', 'Comment Posted'];

const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const gamma = (shape, rate) => {
  if (shape < 1) return gamma(shape + 1, rate) * Math.pow(1 - rand(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal();
    const v = (1 + c * z) ** 3;
    if (v > 0 && Math.log(1 - rand()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
};
function purchaseDaysFrom(first) {
  const T = (TODAY - first) / 7;
  const lambda = gamma(0.243, 4.414);
  const g = gamma(0.793, 1);
  const drop = g / (g + gamma(2.426, 1));
  const out = [first];
  for (let t = 0; ; ) {
    t += -Math.log(1 - rand()) / lambda;
    if (t > T) break;
    const day = first + Math.round(t * 7);
    if (day > out[out.length - 1]) out.push(day);
    if (rand() < drop) break;
  }
  return out;
}

// --- generate -------------------------------------------------------------------------------------------
let t0 = performance.now();
const facts = new Array(USERS);
const activity = new Array(USERS);
let totalEvents = 0;
for (let u = 0; u < USERS; u++) {
  // Pareto(alpha 1.3, x_m 4.6): mean ~20 events, median ~7, a long tail capped at 50,000.
  const events = Math.min(50_000, Math.ceil(4.6 / Math.pow(1 - rand(), 1 / 1.3)));
  totalEvents += events;
  const first = TODAY - Math.floor(rand() * 365);
  const span = TODAY - first + 1;
  const k = Math.max(1, Math.min(span, Math.ceil(events / 3)));
  const days = [first];
  for (let d = first, step = span / k; days.length < k; ) {
    d += 1 + Math.floor(rand() * 2 * step);
    if (d > TODAY) break;
    days.push(d);
  }
  activity[u] = { first, days };
  const last = days[days.length - 1];
  const purchases = rand() < 0.3 ? Math.max(1, Math.floor(events / 15)) : 0;
  const c = { events, sessions: Math.max(1, Math.ceil(events / 4)), purchases, revenue: purchases * (10 + Math.floor(rand() * 90)) };
  const names = {};
  for (let j = 0, left = events; j < NAMES.length && left > 0; j++) {
    const n = j === NAMES.length - 1 ? left : Math.floor(left * rand());
    if (n <= 0) continue;
    c[`e:${NAMES[j]}`] = n;
    names[NAMES[j]] = { f: first * DAY, l: last * DAY, r: [] };
    left -= n;
  }
  // Purchase days (facts' `buy`, `nbuy`, `buy0`: what the churn models read), drawn from BG/NBD with CDNOW's
  // parameters (weeks) so the fit has something to find: first purchase on the first day, then Poisson(λ) repeats
  // with a drop-out chance p after each.
  const buyDays = purchases ? purchaseDaysFrom(first) : [];
  facts[u] = { buy: buyDays.slice(-64), nbuy: buyDays.length, buy0: buyDays.length ? buyDays[0] * DAY : 0, v: 1, first: first * DAY, last: last * DAY + 3_600_000, active: last * DAY + 3_600_000, churn: 0, days: days.slice(-90), src: { s: { t: last * DAY, c } }, names, sess: {}, traits: {}, until: {} };
}
const genMs = performance.now() - t0;
console.log(`population: ${USERS.toLocaleString()} users, ${totalEvents.toLocaleString()} events (represented, not ingested), generated in ${(genMs / 1000).toFixed(1)} s`);

const rows = [];
const measure = (label, n, fn) => {
  const start = performance.now();
  const out = fn();
  const ms = performance.now() - start;
  rows.push({ label, n, ms });
  return out;
};

// --- the floor: scan the same profiles ------------------------------------------------------------------
let sink = 0;
measure('floor: scan profiles (read first, active, events)', USERS, () => {
  for (const f of facts) sink += f.first + f.active + core.countOf(f, 'events');
});

// --- lifecycle (3 intervals) + retention (2) + status snapshot --------------------------------------------
measure('lifecycle day+week+month', USERS, () => {
  for (const interval of ['day', 'week', 'month']) {
    const to = periodOf(TODAY, interval);
    sink += lifecycleCounts(activity, interval, periodOf(TODAY - 400, interval), to).new.length;
  }
});
measure('retention week+month', USERS, () => {
  sink += retentionCohorts(activity, 'week', periodOf(TODAY, 'week') - 25, periodOf(TODAY, 'week'), 12).length;
  sink += retentionCohorts(activity, 'month', periodOf(TODAY, 'month') - 11, periodOf(TODAY, 'month'), 12).length;
});
measure('status snapshot (evaluateStatus per user)', USERS, () => {
  const counts = {};
  for (const f of facts) {
    const s = core.evaluateStatus(f, undefined, NOW).status;
    counts[s] = (counts[s] ?? 0) + 1;
  }
  sink += Object.keys(counts).length;
});

// --- RFM and P(alive): the churn half of issue 11 (segments/index.js), when merged -------------------------
if (churn?.rfmScores && churn?.churnInputsFromFacts && churn?.fitBgNbd && churn?.pAlive) {
  const rfmInputs = measure('RFM inputs from facts', USERS, () => facts.map((f) => churn.rfmInputFromFacts(f, NOW)).filter((i) => i.frequency > 0));
  measure(`RFM scores + groups (${rfmInputs.length.toLocaleString()} customers)`, USERS, () => (sink += churn.rfmScores(rfmInputs).length));
  const customers = measure('churn inputs from facts', USERS, () => facts.map((f) => churn.churnInputsFromFacts(f, NOW, 'week')).filter(Boolean));
  const params = measure(`BG/NBD fit (${customers.length.toLocaleString()} customers)`, USERS, () => churn.fitBgNbd(customers));
  measure('P(alive) per customer', USERS, () => {
    for (const c of customers) sink += churn.pAlive(params, c);
  });
} else console.log('RFM / P(alive): not measured here (the churn models of segments/index.js are not on this branch yet)');

// --- k-means ----------------------------------------------------------------------------------------------
const categories = NAMES.slice(0, 5).map((n) => [n, [n]]);
const features = featureNames(categories);
const m = measure(`persona features (${features.length})`, KMEANS_USERS, () => {
  const values = new Float64Array(KMEANS_USERS * features.length);
  for (let u = 0; u < KMEANS_USERS; u++) values.set(personaFeatures(facts[u], categories, NOW), u * features.length);
  return { n: KMEANS_USERS, d: features.length, values };
});
const z = standardise(m);
measure(`k-means k=5, 5 restarts, ${KMEANS_USERS.toLocaleString()} x ${features.length}`, KMEANS_USERS, () => (sink += kmeans(z, 5, { seed: 1, restarts: 5 }).sse));
measure(`personas: k 2..6 by silhouette + final fit`, KMEANS_USERS, () => (sink += findPersonas(m, features, { seed: 1 }).k));

// --- report -----------------------------------------------------------------------------------------------
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const floor = rows[0].ms;
console.log(`\n${'model'.padEnd(62)} ${'users'.padStart(10)} ${'time'.padStart(9)} ${'per 1M users'.padStart(13)} ${'x floor'.padStart(8)}`);
for (const r of rows) {
  const perM = (r.ms * 1e6) / r.n;
  console.log(`${r.label.padEnd(62)} ${r.n.toLocaleString().padStart(10)} ${fmt(r.ms).padStart(9)} ${fmt(perM).padStart(13)} ${(r.ms / ((floor * r.n) / USERS)).toFixed(1).padStart(8)}`);
}
const perM = (re) => rows.filter((r) => re.test(r.label)).reduce((s, r) => s + (r.ms * 1e6) / r.n, 0);
console.log(`\nper 1M users: lifecycle${churn?.rfmScores ? ' + RFM + P(alive) (inputs, scores, fit, P(alive))' : ' (RFM and P(alive) not measured)'}: ${fmt(perM(/lifecycle|RFM|P\(alive\)|BG\/NBD|churn inputs/))} (goal <= 10 s); everything above except k-means: ${fmt(perM(/lifecycle|retention|snapshot|RFM|P\(alive\)|BG\/NBD|churn inputs/))}`);
const km = rows.find((r) => r.label.startsWith('k-means'));
console.log(`k-means per 100,000 users x ${features.length}: ${fmt((km.ms * 1e5) / km.n)} (goal <= 5 s); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
if (sink === 42) console.log('');
