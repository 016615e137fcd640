/** `createWaymark`: the full SDK, the tracker plus the on-device status layer (status, onboarding, nudges). */
import type { JsonObject, TrackingPlan } from '@waymark/core';
import { createFetchGet } from './adapters/fetch-get.js';
import { createTracker } from './create-tracker.js';
import { getInternals } from './internals.js';
import type { TrackerOptions } from './options.js';
import { createStatus, type StatusApi, type StatusOptions } from './status/index.js';
import { reportRefusalOnce } from './status/snapshot-sync.js';
import type { CallOptions, Tracker } from './tracker.js';

export type WaymarkOptions = TrackerOptions & StatusOptions;

export interface IdentifyOptions extends CallOptions {
  /** Identity-verification signature of `userId`: hex HMAC-SHA256(project secret key, userId), from your backend. */
  userHash?: string;
}

/** `Plan`: a tracking plan type (`typeof plan`) that types `track`'s event names and properties; none by default. */
export interface Waymark<Plan extends TrackingPlan | undefined = undefined> extends Omit<Tracker<Plan>, 'identify' | 'ready'>, Omit<StatusApi, 'ready'> {
  /** Sets the user id and sends the traits; with `userHash`, the user's server snapshot is fetched verified. */
  identify(userId?: string, traits?: JsonObject, options?: IdentifyOptions): void;
  /** Resolves once storage is open and the status state cached on this device is loaded (no network wait). */
  ready(): Promise<void>;
}

/**
 * Creates the full SDK. The status layer folds every tracked event into the user's facts, so
 * `status()`, `onboarding()` and `nudges.next()` are synchronous reads; it joins the server snapshot
 * (`GET /v1/status`) at start and after identify, and the project config (`GET /v1/config`).
 */
export function createWaymark<Plan extends TrackingPlan | undefined = undefined>(options: WaymarkOptions): Waymark<Plan> {
  const tracker = createTracker(options);
  const parts = getInternals(tracker);
  // The tracker's methods are closures (no `this`), as the spread below also relies on.
  const status = createStatus(
    {
      ...parts,
      onEvent: (listener) => tracker.on('event', listener),
      user: tracker.user,
      ready: tracker.ready,
      track: tracker.track,
      httpGet: createFetchGet(),
      apiHost: parts.options.host,
      writeKey: parts.options.writeKey,
      refused: reportRefusalOnce(parts.report),
    },
    options,
  );
  // `ready` is the status layer's: it resolves after the tracker's (storage open) and the restore.
  const waymark: Waymark = {
    ...tracker,
    ...status,
    identify(userId, traits, { userHash, ...call }: IdentifyOptions = {}) {
      if (userId && userHash) status.setUserHash(userId, userHash);
      tracker.identify(userId, traits, call);
    },
    optOut() {
      tracker.optOut();
      void status.forget();
    },
  };
  // A plan only narrows `track`'s parameter types: the same function at run time.
  return waymark as unknown as Waymark<Plan>;
}
