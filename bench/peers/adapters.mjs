// How each library is loaded and configured in bench/peers.bench.mjs: its browser bundle as shipped in its npm
// package (served by the local sink at /lib/<id>.js), the page's <head>, and `init`, a function run in the page
// that starts the library against the sink and installs `window.bench = { track(id) }`. Every URL a library is
// given points at the sink (`sink` = http://127.0.0.1:<port>); remote config, CDN and plugin loading are turned
// off with the library's own options, and settings a library insists on fetching are served by the sink
// (sink.mjs). Each event carries `bench_id` (a run tag + number), which the sink counts, once per id.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sdkDist = fileURLToPath(new URL('../../packages/sdk/dist/', import.meta.url));
// The peers are dev dependencies of bench/package.json (some packages' exports hide package.json: read the folder).
const pkgFile = (pkg, file) => fileURLToPath(new URL(`../node_modules/${pkg}/${file}`, import.meta.url));
const versionOf = (pkg) => JSON.parse(readFileSync(pkgFile(pkg, 'package.json'), 'utf8')).version;
const script = (id) => `<script src="/lib/${id}.js"></script>`;

/**
 * @typedef {object} Adapter
 * @property {string} id  path segment of its bundle and sink routes
 * @property {string} name  as printed in the table
 * @property {string} version
 * @property {string} file  the browser bundle as shipped (what a script tag loads; measured for size)
 * @property {string} head  the page's <head> (script tags, snippet)
 * @property {string} init  source of `async ({ sink, key, prefix }) => void`, run in the page; resolves when ready
 * @property {string} persistence  where it keeps events not yet sent (documentation)
 * @property {number} [recoveryMs]  how long after a restart the library, by its own design, first resends events a
 *   closed page left behind; the survival count waits for that before its "nothing new for 15 s" window. @default 0
 */

/** @type {Adapter[]} */
export const adapters = [
  {
    id: 'waymark', name: 'Waymark (createWaymark)', version: 'workspace', file: `${sdkDist}waymark.iife.js`, head: script('waymark'),
    persistence: 'IndexedDB queue (idb), written per task',
    init: String(async ({ sink, key, prefix }) => {
      const w = Waymark.createWaymark({ writeKey: key, host: `${sink}/sink/waymark`, storagePrefix: prefix });
      await w.ready();
      window.bench = { track: (id) => w.track('Bench Event', { bench_id: id, plan: 'pro', step: 3 }) };
    }),
  },
  {
    id: 'waymark-tracker', name: 'Waymark (createTracker)', version: 'workspace', file: `${sdkDist}waymark-tracker.iife.js`, head: script('waymark-tracker'),
    persistence: 'IndexedDB queue (idb), written per task',
    init: String(async ({ sink, key, prefix }) => {
      const w = Waymark.createTracker({ writeKey: key, host: `${sink}/sink/waymark-tracker`, storagePrefix: prefix });
      await w.ready();
      window.bench = { track: (id) => w.track('Bench Event', { bench_id: id, plan: 'pro', step: 3 }) };
    }),
  },
  {
    id: 'posthog', name: 'PostHog', version: versionOf('posthog-js'), file: pkgFile('posthog-js', 'dist/array.js'), head: script('posthog'),
    persistence: 'in-memory request queue (sendBeacon on unload); localStorage holds only identity/super properties',
    init: String(({ sink, key }) => new Promise((resolve) => {
      posthog.init(key, {
        api_host: `${sink}/sink/posthog`, ui_host: sink, autocapture: false, capture_pageview: false, capture_pageleave: false,
        disable_session_recording: true, disable_surveys: true, advanced_disable_flags: true, advanced_disable_decide: true,
        advanced_disable_feature_flags: true, advanced_disable_toolbar_metrics: true, disable_external_dependency_loading: true,
        // Headless Chromium's user agent counts as a bot: without this PostHog drops every event.
        opt_out_useragent_filter: true, persistence: 'localStorage', loaded: () => resolve(),
      });
      window.bench = { track: (id) => posthog.capture('Bench Event', { bench_id: id, plan: 'pro', step: 3 }) };
    })),
  },
  {
    id: 'amplitude', name: 'Amplitude', version: versionOf('@amplitude/analytics-browser'),
    file: pkgFile('@amplitude/analytics-browser', 'lib/scripts/amplitude-min.js'), head: script('amplitude'),
    persistence: 'localStorage (AMP_unsent_<key>), the whole queue rewritten per change',
    init: String(async ({ sink, key }) => {
      await amplitude.init(key, undefined, {
        serverUrl: `${sink}/sink/amplitude/2/httpapi`, autocapture: false, fetchRemoteConfig: false, logLevel: 0, flushIntervalMillis: 1000,
      }).promise;
      window.bench = { track: (id) => amplitude.track('Bench Event', { bench_id: id, plan: 'pro', step: 3 }) };
    }),
  },
  {
    id: 'mixpanel', name: 'Mixpanel', version: versionOf('mixpanel-browser'), file: pkgFile('mixpanel-browser', 'dist/mixpanel.min.js'),
    // mixpanel.min.js only starts from its snippet's stub; the snippet loads MIXPANEL_CUSTOM_LIB_URL instead of the CDN.
    head: `<script>window.MIXPANEL_CUSTOM_LIB_URL = '/lib/mixpanel.js';</script><script src="/lib/mixpanel-snippet.js"></script>`,
    persistence: 'localStorage batch queue (__mpq_<token>_ev)',
    init: String(({ sink, key }) => new Promise((resolve) => {
      mixpanel.init(key, {
        api_host: sink + '/sink/mixpanel', track_pageview: false, autocapture: false, ignore_dnt: true, persistence: 'localStorage',
        batch_requests: true, batch_flush_interval_ms: 1000, record_sessions_percent: 0, loaded: () => resolve(),
      });
      window.bench = { track: (id) => mixpanel.track('Bench Event', { bench_id: id, plan: 'pro', step: 3 }) };
    })),
  },
  {
    id: 'segment', name: 'Segment', version: versionOf('@segment/analytics-next'), file: pkgFile('@segment/analytics-next', 'dist/umd/index.js'), head: script('segment'),
    persistence: 'localStorage persisted queue (persisted-queue:v1:…)',
    // Settings come from cdnURL (the sink serves them and the lazily loaded bundles from the package's dist/umd).
    init: String(async ({ sink, key }) => {
      const host = sink.replace(/^http:\/\//, '');
      const [analytics] = await AnalyticsNext.AnalyticsBrowser.load({ writeKey: key, cdnURL: `${sink}/sink/segment-cdn` },
        { integrations: { 'Segment.io': { apiHost: `${host}/sink/segment/v1`, protocol: 'http' } } });
      window.bench = { track: (id) => analytics.track('Bench Event', { bench_id: id, plan: 'pro', step: 3 }) };
    }),
  },
  {
    id: 'snowplow', name: 'Snowplow', version: versionOf('@snowplow/browser-tracker'),
    file: pkgFile('@snowplow/browser-tracker', 'dist/index.umd.min.js'), head: script('snowplow'),
    persistence: 'localStorage out-queue (snowplowOutQueue_<namespace>_post2)',
    init: String(async ({ sink }) => {
      const sp = snowplowBrowserTracking;
      sp.newTracker('bench', `${sink}/sink/snowplow`, {
        appId: 'bench', eventMethod: 'post', stateStorageStrategy: 'localStorage', contexts: { webPage: false }, anonymousTracking: false,
      });
      window.bench = { track: (id) => sp.trackStructEvent({ category: 'bench', action: 'Bench Event', label: id, property: 'pro', value: 3 }) };
    }),
  },
  {
    id: 'rudderstack', name: 'RudderStack', version: versionOf('@rudderstack/analytics-js'),
    file: pkgFile('@rudderstack/analytics-js', 'dist/npm/modern/bundled/umd/index.js'), head: script('rudderstack'),
    persistence: 'localStorage retry queue (XhrQueue plugin, bundled)',
    // Its RetryQueue takes over a closed page's queue only once that queue's ack is 10 s stale (RECLAIM_TIMEOUT_MS),
    // checked every 3 s (RECLAIM_TIMER_MS), after a 0.5-s handshake (RECLAIM_WAIT_MS): up to 13.5 s after reopening.
    recoveryMs: 13_500,
    // The bundled build carries its plugins (no plugin CDN); the source config is served by the sink (configUrl).
    init: String(({ sink, key }) => new Promise((resolve) => {
      const ra = new rudderanalytics.RudderAnalytics();
      ra.load(key, `${sink}/sink/rudderstack`, {
        configUrl: `${sink}/sink/rudderstack-config`, destSDKBaseURL: `${sink}/sink/none`, pluginsSDKBaseURL: `${sink}/sink/none`,
        loadIntegration: false, logLevel: 'ERROR', onLoaded: () => resolve(),
      });
      window.bench = { track: (id) => ra.track('Bench Event', { bench_id: id, plan: 'pro', step: 3 }) };
    })),
  },
];

/** Files the sink serves beside the adapters' bundles: Mixpanel's snippet, Segment's lazily loaded chunks. */
export const extraFiles = {
  'mixpanel-snippet': pkgFile('mixpanel-browser', 'dist/mixpanel-jslib-snippet.min.js'),
  segmentBundles: pkgFile('@segment/analytics-next', 'dist/umd/'),
};
