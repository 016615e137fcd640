/** Internal access to a tracker's parts for the status layer (not exported from the package). */
import type { WaymarkError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { KeyValueStore, PageLifecycle } from './ports.js';
import type { UnloadJournal } from './queue/unload-journal.js';
import type { Tracker } from './tracker.js';

export interface TrackerInternals {
  /** The tracker's key-value store: IndexedDB (same database as the queue), memory before consent or without IndexedDB. */
  kv: KeyValueStore;
  options: ResolvedOptions;
  /** The tracker's clock (ms since the epoch). */
  now(): number;
  /** Logs in debug mode and emits `error`. */
  report(error: WaymarkError): void;
  /** This page's unload journal for the status record (localStorage, keys `<prefix>:status:<page id>`). */
  journal: UnloadJournal<unknown>;
  /** The page is hidden, maybe for good (the tracker's lifecycle signal). */
  onHidden: PageLifecycle['onHidden'];
}

const internals = new WeakMap<Tracker, TrackerInternals>();

export const setInternals = (tracker: Tracker, parts: TrackerInternals): void => void internals.set(tracker, parts);

/** The parts of `tracker` the status layer builds on. */
export const getInternals = (tracker: Tracker): TrackerInternals => internals.get(tracker)!;
