/**
 * Population-segment analytics (secret key, checked in app.ts): lifecycle, retention, personas, RFM, churn risk,
 * answered from the results a recompute stored (computed once on demand when none exist). Shapes: README
 * "Population segments". Transitions and members: population-members.ts.
 */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { dayOfIso, isoOfDay, periodEnd, periodOf, periodStart, type Interval } from '../segments/local-day.js';
import type { StoredLifecycle, StoredRetention, StoredSizes } from '../segments/population-results.js';
import { RESULT_KINDS } from '../segments/population-results.js';
import { readResult, stampOf } from '../segments/read-result.js';
import { eventRetention } from '../segments/event-retention.js';
import { weightedRates } from '../segments/retention.js';

const DEFAULT_PERIODS: Record<Interval, number> = { day: 30, week: 12, month: 12 };
const MAX_PERIODS = 400;

export const badRequest = (c: Context<AppEnv>, reason: string) => c.json({ error: 'bad_request', reason }, 400);
export const notAvailable = (c: Context<AppEnv>, reason: string) => c.json({ error: 'not_available', reason }, 404);
const rate = (n: number, size: number) => (size ? Math.round((n / size) * 1000) / 1000 : 0);

/** Parses an optional `YYYY-MM-DD` query parameter: a day number, undefined when absent, or an error text. */
export function dayParam(c: Context<AppEnv>, name: string): number | undefined | string {
  const v = c.req.query(name);
  if (v === undefined || v === '') return undefined;
  return dayOfIso(v) ?? `${name} must be a date YYYY-MM-DD`;
}

export function registerPopulation(app: Hono<AppEnv>, deps: AppDeps): void {
  const { storage } = deps;
  const runner = deps.population.runner;
  const unsupported = (c: Context<AppEnv>) => c.json({ error: 'not_implemented', reason: 'this storage has no population-segment store' }, 501);
  const result = <T>(c: Context<AppEnv>, kind: string) => readResult<T>(storage, runner, c.get('project').id, kind);

  app.get('/v1/admin/analytics/lifecycle', async (c) => {
    if (!storage.segments) return unsupported(c);
    const interval = (c.req.query('interval') ?? 'day') as Interval;
    if (!(interval in DEFAULT_PERIODS)) return badRequest(c, 'interval must be day, week or month');
    const fromDay = dayParam(c, 'from');
    const toDay = dayParam(c, 'to');
    for (const d of [fromDay, toDay]) if (typeof d === 'string') return badRequest(c, d);
    const stored = await result<StoredLifecycle>(c, RESULT_KINDS.lifecycle(interval));
    if (!stored) return notAvailable(c, 'nothing computed yet');
    const to = Math.min(toDay === undefined ? stored.to : periodOf(toDay as number, interval), stored.to);
    const from = fromDay === undefined ? to - DEFAULT_PERIODS[interval] + 1 : periodOf(fromDay as number, interval);
    if (from > to) return badRequest(c, 'from is after to (or after the last computed period)');
    if (to - from + 1 > MAX_PERIODS) return badRequest(c, `at most ${MAX_PERIODS} periods`);
    const sizes = (await storage.segments.getResult(c.get('project').id, RESULT_KINDS.sizes))?.body;
    const sizeDays = sizes ? (JSON.parse(sizes) as StoredSizes).days : [];
    let incoming = 0;
    let dormantTotal = 0;
    const periods = [];
    for (let p = from; p <= to; p++) {
      const i = p - stored.from;
      const at = (a: number[]) => (i >= 0 ? a[i] ?? 0 : 0);
      const row = { new: at(stored.new), returning: at(stored.returning), resurrecting: at(stored.resurrecting), dormant: at(stored.dormant) };
      incoming += row.new + row.resurrecting;
      dormantTotal += row.dormant;
      const start = periodStart(p, interval);
      const end = periodEnd(p, interval);
      const snap = sizeDays.filter((d) => d.day >= start && d.day <= end).pop();
      periods.push({ start: isoOfDay(start), end: isoOfDay(end), ...row, active: row.new + row.returning + row.resurrecting, statuses: snap?.statuses ?? null });
    }
    return c.json({
      interval, timeZone: stored.timeZone, from: isoOfDay(periodStart(from, interval)), to: isoOfDay(periodEnd(to, interval)), ...stampOf(stored),
      periods, quickRatio: dormantTotal ? Math.round((incoming / dormantTotal) * 1000) / 1000 : null,
    });
  });

  app.get('/v1/admin/analytics/retention', async (c) => {
    if (!storage.segments) return unsupported(c);
    const interval = (c.req.query('interval') ?? 'week') as Interval;
    if (interval !== 'week' && interval !== 'month') return badRequest(c, 'interval must be week or month');
    const periods = Number(c.req.query('periods') ?? 12);
    if (!Number.isInteger(periods) || periods < 1 || periods > 52) return badRequest(c, 'periods must be an integer from 1 to 52');
    const event = c.req.query('event') || null;
    const stored = await result<StoredRetention>(c, RESULT_KINDS.retention(interval));
    if (!stored) return notAvailable(c, 'nothing computed yet');
    let cohorts = stored.cohorts;
    if (event !== null) {
      if (!storage.scanEvents) return unsupported(c);
      cohorts = await eventRetention(storage, c.get('project').id, { event, interval, timeZone: stored.timeZone, last: cohorts[cohorts.length - 1]?.period ?? 0, count: cohorts.length, periods });
    }
    cohorts = cohorts.map((co) => ({ ...co, bounded: co.bounded.slice(0, periods), unbounded: co.unbounded.slice(0, periods) }));
    return c.json({
      interval, timeZone: stored.timeZone, event, ...stampOf(stored),
      cohorts: cohorts.map((co) => ({
        start: isoOfDay(periodStart(co.period, interval)), size: co.size, bounded: co.bounded, unbounded: co.unbounded,
        boundedRate: co.bounded.map((n) => rate(n, co.size)), unboundedRate: co.unbounded.map((n) => rate(n, co.size)),
      })),
      weighted: { bounded: weightedRates(cohorts, (co) => co.bounded), unbounded: weightedRates(cohorts, (co) => co.unbounded) },
    });
  });

  for (const kind of ['personas', 'rfm', 'churn'] as const) {
    app.get(`/v1/admin/analytics/${kind}`, async (c) => {
      if (!storage.segments) return unsupported(c);
      const stored = await result<{ computedAtMs: number; configVersion: number; timeZone: string }>(c, kind);
      if (!stored) return notAvailable(c, `${kind}: not computed (too few users with activity, or the model is not installed)`);
      const { computedAtMs: _, configVersion: __, timeZone: ___, ...body } = stored;
      return c.json({ ...stampOf(stored), ...body });
    });
  }
}
