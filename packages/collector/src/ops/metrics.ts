/** Prometheus counters and the batch latency histogram, rendered as text exposition format 0.0.4. */
import { createStreamGaps, type StreamGaps, type StreamTotals } from './stream-gaps.js';

import { createPlanViolationCounter, type PlanViolationCounter } from './plan-violation-counter.js';

/** Upper bounds of the batch latency histogram, in seconds. */
export const LATENCY_BUCKETS_SEC = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;

export interface Metrics {
  eventsAccepted(n: number): void;
  eventsRejected(n: number): void;
  eventsDuplicate(n: number): void;
  /** One answered ingest request, by HTTP status. */
  request(status: number): void;
  batchLatency(seconds: number): void;
  /** Batches currently being validated or committed. */
  inFlight(delta: number): void;
  /** Per device stream and tab: events generated (by `context.seq`) against stored (see `stream-gaps.ts`). */
  streams: StreamGaps;
  /** Tracking-plan violations per project and event name (also rendered here). */
  planViolations: PlanViolationCounter;
  /**
   * The text exposition; `streamTotals` replaces the in-memory stream counts when the storage keeps them
   * (`Storage.streamGaps`, read by the caller).
   */
  render(streamTotals?: ReadonlyMap<string, StreamTotals>): string;
}

export function createMetrics(): Metrics {
  let accepted = 0;
  let rejected = 0;
  let duplicates = 0;
  let inFlight = 0;
  const byStatus = new Map<number, number>();
  const buckets: number[] = LATENCY_BUCKETS_SEC.map(() => 0);
  let sum = 0;
  let count = 0;
  const streams = createStreamGaps();
  const planViolations = createPlanViolationCounter();
  return {
    planViolations,
    eventsAccepted: (n) => void (accepted += n),
    eventsRejected: (n) => void (rejected += n),
    eventsDuplicate: (n) => void (duplicates += n),
    request: (status) => void byStatus.set(status, (byStatus.get(status) ?? 0) + 1),
    batchLatency(seconds) {
      sum += seconds;
      count++;
      for (let i = 0; i < LATENCY_BUCKETS_SEC.length; i++) if (seconds <= LATENCY_BUCKETS_SEC[i]!) buckets[i]!++;
    },
    inFlight: (delta) => void (inFlight += delta),
    streams,
    render(streamTotals = streams.totals()) {
      const lines = [
        '# HELP waymark_events_accepted_total Events stored.',
        '# TYPE waymark_events_accepted_total counter',
        `waymark_events_accepted_total ${accepted}`,
        '# HELP waymark_events_rejected_total Events rejected by validation.',
        '# TYPE waymark_events_rejected_total counter',
        `waymark_events_rejected_total ${rejected}`,
        '# HELP waymark_events_duplicate_total Events already stored (same project and messageId).',
        '# TYPE waymark_events_duplicate_total counter',
        `waymark_events_duplicate_total ${duplicates}`,
        '# HELP waymark_ingest_requests_total Ingest requests answered, by status code.',
        '# TYPE waymark_ingest_requests_total counter',
        ...[...byStatus].sort(([a], [b]) => a - b).map(([code, n]) => `waymark_ingest_requests_total{code="${code}"} ${n}`),
        '# HELP waymark_batches_in_flight Batches being validated or committed now.',
        '# TYPE waymark_batches_in_flight gauge',
        `waymark_batches_in_flight ${inFlight}`,
        '# HELP waymark_batch_duration_seconds Time from request to committed answer.',
        '# TYPE waymark_batch_duration_seconds histogram',
        ...LATENCY_BUCKETS_SEC.map((le, i) => `waymark_batch_duration_seconds_bucket{le="${le}"} ${buckets[i]}`),
        `waymark_batch_duration_seconds_bucket{le="+Inf"} ${count}`,
        `waymark_batch_duration_seconds_sum ${sum}`,
        `waymark_batch_duration_seconds_count ${count}`,
        ...planViolations.render(),
      ];
      const perProject = (name: string, pick: (t: StreamTotals) => number) =>
        [...streamTotals].map(([project, t]) => `${name}{project="${project.replace(/["\\\n]/g, '_')}"} ${pick(t)}`);
      lines.push(
        '# HELP waymark_stream_events_generated_total Events numbered by SDK tabs (context.seq), from the first to the last stored per tab (since start unless stored in PostgreSQL).',
        '# TYPE waymark_stream_events_generated_total counter',
        ...perProject('waymark_stream_events_generated_total', (t) => t.generated),
        '# HELP waymark_stream_events_received_total Of those, events stored.',
        '# TYPE waymark_stream_events_received_total counter',
        ...perProject('waymark_stream_events_received_total', (t) => t.received),
        '# HELP waymark_stream_events_missing Events numbered by a tab that have not arrived (yet): gaps in seq.',
        '# TYPE waymark_stream_events_missing gauge',
        ...perProject('waymark_stream_events_missing', (t) => t.missing),
        '# HELP waymark_streams_with_gaps Tab sequences with at least one missing event.',
        '# TYPE waymark_streams_with_gaps gauge',
        ...perProject('waymark_streams_with_gaps', (t) => t.withGaps),
      );
      return `${lines.join('\n')}\n`;
    },
  };
}
