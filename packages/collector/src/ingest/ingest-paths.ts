/** Every path the collector ingests on, named after the client library that sends to it (Segment, RudderStack). */
import type { EventType } from '@waymark/core';

/**
 * Paths whose body is one event of the given type. Segment's HTTP API and server libraries (and RudderStack's
 * per-event XHR transport) use the full names; Segment's browser library, `@segment/analytics-next`, posts each
 * event to `${apiHost}/${type.charAt(0)}` (packages/browser/src/plugins/segmentio/index.ts, `send`), so
 * `/v1/t`, `/v1/p`, `/v1/i`, `/v1/g`, `/v1/a` and `/v1/s` too.
 */
export const SINGLE_EVENT_PATHS: Readonly<Record<string, EventType>> = {
  '/v1/track': 'track',
  '/v1/page': 'page',
  '/v1/screen': 'screen',
  '/v1/identify': 'identify',
  '/v1/group': 'group',
  '/v1/alias': 'alias',
  '/v1/t': 'track',
  '/v1/p': 'page',
  '/v1/s': 'screen',
  '/v1/i': 'identify',
  '/v1/g': 'group',
  '/v1/a': 'alias',
};

/**
 * Paths whose body is `{ batch: Event[], sentAt?, writeKey? }`: `/v1/batch` (Segment's HTTP API, RudderStack's
 * batched XHR), `/v1/import` (Segment's older name), `/v1/b` (analytics-next's `batching` delivery strategy,
 * batched-dispatcher.ts: `fetch(`${apiHost}/b`)`) and `/beacon/v1/batch` (RudderStack's `useBeacon` mode:
 * `navigator.sendBeacon` of a `text/plain` Blob to `${dataPlaneUrl}/beacon/v1/batch?writeKey=…`, BeaconQueue plugin).
 */
export const BATCH_PATHS: readonly string[] = ['/v1/batch', '/v1/import', '/v1/b', '/beacon/v1/batch'];

/**
 * analytics-next's own telemetry (`RemoteMetrics`, core/stats/remote-metrics.ts: `{ series: [...] }` posted to
 * `${apiHost}/m` every 30 s). It holds no events: the collector answers 204 and keeps nothing.
 */
export const LIBRARY_METRICS_PATH = '/v1/m';
