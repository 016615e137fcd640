/** `createWaymark`: the full SDK. Tracking only for now; the status layer (issue 4) adds to it. */
import { createTracker } from './create-tracker.js';
import type { TrackerOptions } from './options.js';
import type { Tracker } from './tracker.js';

export type WaymarkOptions = TrackerOptions;
export type Waymark = Tracker;

export const createWaymark = (options: WaymarkOptions): Waymark => createTracker(options);
