/**
 * What each route of the collector is, for `GET /openapi.json`: summary, key, parameters and bodies (zod schemas,
 * the same ones the routes validate with), answers. `openapi.test.ts` checks this list against `app.routes`, so a
 * route registered without an entry here fails the build's tests.
 */
import type { z } from 'zod';
import { configQuerySchema, lifecycleQuerySchema, liftQuerySchema, membersQuerySchema, overviewQuerySchema, retentionQuerySchema, statusQuerySchema, transitionsQuerySchema } from './query-schemas.js';

export type Auth = 'write' | 'secret' | 'none';

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono's form: `/v1/admin/users/:userId`. */
  path: string;
  tag: 'ingest' | 'status' | 'config' | 'admin' | 'analytics' | 'ops' | 'dashboard';
  summary: string;
  description?: string;
  auth: Auth;
  query?: z.ZodObject;
  /** A component schema name (`#/components/schemas/<name>`). */
  body?: string;
  /** Status code → what it means; `json: true` answers `application/json`. */
  responses: Record<string, string>;
  /** Content type of the 200 answer. @default 'application/json' */
  produces?: string;
  /** Documented ahead of its route (it is on another branch): absent from this build's `app.routes` until it lands. */
  pending?: boolean;
}

const INGEST_ANSWERS = {
  200: 'Stored: `accepted`, `duplicates` (messageIds already stored), `rejected` ([{ index, messageId, reason }]) — answered only after the events are durably written',
  400: 'Malformed body (nothing stored; `reason` says why)',
  401: 'Unknown or missing write key',
  403: 'A secret key, or an origin not allowed for the project',
  413: 'Body or batch too large',
  429: 'Rate limited (`Retry-After`)',
};
const single = (type: string, summary: string): RouteDoc => ({
  method: 'post', path: `/v1/${type}`, tag: 'ingest', auth: 'write', body: 'WireEvent', summary,
  description: `One \`${type}\` event (Segment's single-event route); the answer is the batch answer for a batch of one.`, responses: INGEST_ANSWERS,
});
/** Segment's browser library posts each event to `/v1/<first letter of its type>` (the drop-in routes, issue 15). */
const short = (type: string): RouteDoc => ({ ...single(type, `One ${type} event (analytics-next's short path)`), path: `/v1/${type[0]}` });
const SECRET = { 401: 'Unknown or missing secret key', 403: 'A write key cannot reach admin routes' };
const POPULATION = { 200: 'The precomputed result (`computedAt`, `configVersion`)', 400: 'Bad parameter', 404: 'Nothing computed yet', 501: 'This storage has no population-segment store', ...SECRET };

export const ROUTE_DOCS: readonly RouteDoc[] = [
  { method: 'get', path: '/healthz', tag: 'ops', auth: 'none', summary: 'Liveness and writability', description: 'Checks a tiny committed write; 503 once the write path failed closed (a failed fsync).', responses: { 200: 'Healthy', 503: 'Writes refused until restart' } },
  { method: 'get', path: '/metrics', tag: 'ops', auth: 'none', summary: 'Prometheus metrics', produces: 'text/plain', responses: { 200: 'Metrics in the Prometheus text format' } },
  { method: 'get', path: '/openapi.json', tag: 'ops', auth: 'none', summary: 'This document (OpenAPI 3.1)', responses: { 200: 'The OpenAPI document of every route' } },
  { method: 'post', path: '/v1/batch', tag: 'ingest', auth: 'write', body: 'BatchEnvelope', summary: 'Send a batch of events', description: 'Segment-compatible batch: `application/json` or `text/plain` (no CORS preflight), optionally gzip. The write key as HTTP Basic user or `writeKey` in the body (sendBeacon).', responses: INGEST_ANSWERS },
  { method: 'post', path: '/v1/import', tag: 'ingest', auth: 'write', body: 'BatchEnvelope', summary: 'Send a batch of events (Segment\'s older name for /v1/batch)', responses: INGEST_ANSWERS },
  single('track', 'Track an event'), single('page', 'Record a page view'), single('screen', 'Record a screen view'),
  single('identify', 'Identify a user (links the anonymous id, sets traits)'), single('group', 'Associate a user with a group'), single('alias', 'Link two user ids'),
  ...['track', 'page', 'screen', 'identify', 'group', 'alias'].map(short),
  { method: 'post', path: '/v1/b', tag: 'ingest', auth: 'write', body: 'BatchEnvelope', summary: 'Send a batch of events (analytics-next\'s batching delivery)', responses: INGEST_ANSWERS },
  { method: 'post', path: '/beacon/v1/batch', tag: 'ingest', auth: 'write', body: 'BatchEnvelope', summary: 'Send a batch of events (RudderStack\'s sendBeacon mode, `?writeKey=`)', responses: INGEST_ANSWERS },
  { method: 'post', path: '/v1/m', tag: 'ingest', auth: 'none', summary: 'analytics-next\'s library telemetry: accepted and discarded (204)', responses: { 204: 'Nothing kept' } },
  { method: 'get', path: '/v1/status', tag: 'status', auth: 'write', query: statusQuerySchema, summary: 'One user\'s facts, status and segments', description: 'What the SDK joins with its own facts. Reads by userId need `userHash` unless the project turned identity verification off; reads by anonymousId stay open. ETag / If-None-Match.', responses: { 200: 'Facts, status, segments, asOf', 304: 'Not modified', 400: 'Neither id given', 401: 'Unknown write key', 403: 'Missing or wrong userHash, a secret key, or an origin not allowed' } },
  { method: 'get', path: '/v1/config', tag: 'config', auth: 'write', query: configQuerySchema, summary: 'The project\'s rule config for SDKs', description: '`{ version, config }` (checklists, nudges, segments, status rules); revalidated by ETag. Readable with the public write key.', responses: { 200: 'The config', 304: 'Not modified', 401: 'Unknown write key', 403: 'A secret key or an origin not allowed' } },
  { method: 'get', path: '/v1/admin/config', tag: 'config', auth: 'secret', summary: 'Read the project\'s rule config', responses: { 200: '`{ version, config }` with its ETag', ...SECRET } },
  { method: 'put', path: '/v1/admin/config', tag: 'config', auth: 'secret', body: 'ProjectConfig', summary: 'Replace the project\'s rule config', description: 'Validated whole; `If-Match: <ETag>` makes it conditional on the version read.', responses: { 200: 'Stored: `{ version, config }`', 400: 'Invalid config (`issues`)', 412: 'Changed since read', 413: 'Too large', ...SECRET } },
  { method: 'get', path: '/v1/admin/config/lift', tag: 'analytics', auth: 'secret', query: liftQuerySchema, summary: 'Nudge lift: shown against held out', description: 'Per nudge: users shown it and users held out, their conversion, lift in points and a two-proportion z.', responses: { 200: '`{ goal, nudges: [...] }`', 501: 'This storage cannot scan events', ...SECRET } },
  { method: 'get', path: '/v1/admin/project', tag: 'admin', auth: 'secret', summary: 'The project and its keys', responses: { 200: 'id, name, keys, CORS origins, identity verification', ...SECRET } },
  { method: 'patch', path: '/v1/admin/project', tag: 'admin', auth: 'secret', body: 'ProjectPatch', summary: 'Change the project\'s name, CORS origins or identity verification', responses: { 200: 'The project', 400: 'Invalid patch', ...SECRET } },
  { method: 'post', path: '/v1/admin/keys/rotate', tag: 'admin', auth: 'secret', body: 'KeyRotation', summary: 'Rotate the write key, the secret key or both', responses: { 200: 'The project with its new keys', ...SECRET } },
  { method: 'get', path: '/v1/admin/users/:userId', tag: 'admin', auth: 'secret', summary: 'Look one user up', description: 'By user id, else anonymous id: facts, status and why, segments, onboarding, why each nudge is or is not eligible (core\'s explain), the 50 newest events.', responses: { 200: 'The user', 404: 'No such user or anonymous id', ...SECRET } },
  { method: 'get', path: '/v1/admin/users/:userId/export', tag: 'admin', auth: 'secret', produces: 'application/x-ndjson', summary: 'Export one user (GDPR)', description: 'NDJSON: the profile, identity links, then every event.', responses: { 200: 'NDJSON lines', ...SECRET } },
  { method: 'delete', path: '/v1/admin/users/:userId', tag: 'admin', auth: 'secret', summary: 'Erase one user (GDPR)', description: 'Events (linked anonymous ids included), profiles, identity links and derived rows.', responses: { 200: 'What was removed', ...SECRET } },
  { method: 'get', path: '/v1/admin/analytics/overview', tag: 'analytics', auth: 'secret', query: overviewQuerySchema, summary: 'Overview: people, lifecycle mix, DAU/WAU/MAU, funnels, segment sizes, top events', responses: { 200: 'The overview (`asOf`, `configVersion`)', 400: 'Bad parameter', 501: 'This storage cannot scan profiles', ...SECRET } },
  { method: 'get', path: '/v1/admin/analytics/lifecycle', tag: 'analytics', auth: 'secret', query: lifecycleQuerySchema, summary: 'Lifecycle over time (new, returning, resurrecting, dormant) and the status mix per period', responses: POPULATION },
  { method: 'get', path: '/v1/admin/analytics/retention', tag: 'analytics', auth: 'secret', query: retentionQuerySchema, summary: 'Retention cohorts (bounded and unbounded)', responses: POPULATION },
  { method: 'get', path: '/v1/admin/analytics/rfm', tag: 'analytics', auth: 'secret', summary: 'RFM groups and the score grid', responses: POPULATION },
  { method: 'get', path: '/v1/admin/analytics/churn', tag: 'analytics', auth: 'secret', summary: 'Churn risk: BG/NBD fit, P(alive) histogram, valuable customers at risk', responses: POPULATION },
  { method: 'get', path: '/v1/admin/analytics/personas', tag: 'analytics', auth: 'secret', summary: 'Personas (k-means clusters on behaviour)', responses: POPULATION },
  { method: 'get', path: '/v1/admin/analytics/transitions', tag: 'analytics', auth: 'secret', query: transitionsQuerySchema, summary: 'Status and segment transitions between two dates, sizes per day', responses: POPULATION },
  { method: 'get', path: '/v1/admin/analytics/segments/:id/members', tag: 'analytics', auth: 'secret', query: membersQuerySchema, summary: 'Members of a segment or group, paged (JSON, NDJSON or CSV by Accept)', responses: POPULATION },
  { method: 'get', path: '/v1/admin/streams', tag: 'admin', auth: 'secret', summary: 'Delivery accounting per device stream and tab: events generated against those stored', responses: { 200: 'Totals and the tab sequences with gaps', ...SECRET } },
  { method: 'get', path: '/v1/admin/plan/violations', tag: 'admin', auth: 'secret', summary: 'Tracking-plan violations per event name since the collector started', responses: { 200: 'Violations per event name', ...SECRET } },
  { method: 'get', path: '/dashboard', tag: 'dashboard', auth: 'none', produces: 'text/html', summary: 'The dashboard page', description: 'Static; it reads the analytics API with the secret key the user gives it (kept in sessionStorage).', responses: { 200: 'The page', 503: 'The dashboard is not built' } },
  { method: 'get', path: '/dashboard/:file', tag: 'dashboard', auth: 'none', produces: 'text/javascript', summary: 'The dashboard\'s script and style', responses: { 200: 'The file', 404: 'No such file' } },
];
