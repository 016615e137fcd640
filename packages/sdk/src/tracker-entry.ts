/** Entry of the tracking-only script-tag build (dist/waymark-tracker.iife.js): `createTracker` under the same global `Waymark`. */
export { createTracker } from './create-tracker.js';
export { WaymarkError } from './errors.js';
export { VERSION } from './version.js';
