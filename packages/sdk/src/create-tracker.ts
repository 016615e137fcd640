/** Composition root of the tracking SDK: wires identity, sessions, consent, the durable queue and delivery. */
import type { TrackingPlan, WireEvent } from '@waymark/core';
import { createBrowserPorts, type TrackerPorts } from './adapters/browser-ports.js';
import { createEmitter } from './emitter.js';
import { WaymarkError } from './errors.js';
import { createGatedState } from './gated-state.js';
import { createIdentity } from './identity.js';
import { setInternals } from './internals.js';
import { resolveOptions, type TrackerOptions } from './options.js';
import { createDelivery } from './queue/delivery.js';
import { createEventQueue } from './queue/event-queue.js';
import { createFallbackStorage } from './queue/fallback-storage.js';
import { createUnloadJournal } from './queue/unload-journal.js';
import { createSessionManager } from './session-manager.js';
import type { CallOptions, ConsentState, Tracker, TrackerEvents } from './tracker.js';
import { VERSION } from './version.js';

const LIBRARY = { name: '@waymark/sdk', version: VERSION };

/**
 * Creates a tracker. Nothing happens at import; this call reads the stored identity and, unless
 * consent is pending, opens the queue and sends what earlier visits left. `ports` replaces adapters (tests).
 */
export function createTracker<Plan extends TrackingPlan | undefined = undefined>(options: TrackerOptions, ports?: Partial<TrackerPorts>): Tracker<Plan> {
  const opts = resolveOptions(options);
  const key = (name: string) => `${opts.storagePrefix}:${name}`;
  const p: TrackerPorts = { ...createBrowserPorts(key(opts.writeKey), opts.requestTimeoutMs), ...ports };
  const { scheduler, env } = p;
  const emitter = createEmitter<TrackerEvents>();
  let debug = opts.debug;
  const log = (...args: unknown[]) => debug && console.log('[waymark]', ...args);
  const report = (error: WaymarkError) => {
    log(error);
    emitter.emit('error', error);
  };

  const decided = p.state.get(key('consent'));
  let consent: ConsentState = decided === 'granted' || decided === 'denied' ? decided : opts.consent;
  const state = createGatedState(p.state, consent === 'granted');
  const identity = createIdentity(state, key('user'), env.uuid);
  const sessions = createSessionManager(state, key('session'), opts, env.uuid);
  const storage = createFallbackStorage(report);
  /** Message ids are this page's random id plus its sequence number: unique, and no crypto call per event. */
  const pageId = env.uuid();
  const delivery = createDelivery({
    ...p,
    store: storage.events,
    retryAtKey: key('retryAt'),
    options: opts,
    report,
    stalled: p.requestSync,
    delivered(messageIds, response) {
      queue.acknowledge(messageIds);
      log('delivered', messageIds);
      emitter.emit('delivered', { messageIds, response });
    },
  });
  const queue = createEventQueue({
    store: storage.events,
    scheduler,
    options: opts,
    report,
    journal: createUnloadJournal(p.state, key('unsent:'), pageId),
    durable: storage.durable,
    written: (stats) =>
      stats.count >= opts.maxBatchEvents || stats.bytes >= opts.maxBatchBytes ? delivery.drain() : delivery.schedule(opts.flushIntervalMs),
  });
  /** Events tracked while consent is pending: in memory only, with their original timestamps. */
  let held: WireEvent[] | undefined = [];
  let seq = 0;
  let lastPage: string | undefined;
  /** Page and device context, read once per task (reading `location` is slow) and again by `page()`. */
  let context: ReturnType<typeof env.context> | undefined;
  const contextNow = () => {
    if (!context) scheduler.microtask(() => (context = undefined));
    return (context ??= env.context());
  };
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  function emit(type: WireEvent['type'], fields: Partial<WireEvent>, nowMs: number, sessionId: string, call?: CallOptions): void {
    const { anonymousId, userId, streamId } = identity.get();
    const event: WireEvent = {
      type,
      messageId: call?.messageId ?? `${pageId}-${++seq}`,
      anonymousId,
      ...(userId && { userId }),
      ...fields,
      timestamp: new Date(nowMs).toISOString(),
      context: { ...call?.context, ...contextNow(), sessionId, seq, streamId, library: LIBRARY },
    };
    emitter.emit('event', event);
    log(event);
    if (!held) queue.enqueue(event);
    else if (held.push(event) > opts.maxQueueEvents) held.shift();
  }

  const sessionStart = (nowMs: number, session: { id: string; count: number }) =>
    emit('track', { event: 'session_start', properties: { sessionCount: session.count } }, nowMs, session.id);

  /** Builds and queues one event (after a `session_start` when it opens a session); never throws into the app. */
  function record(type: WireEvent['type'], fields: Partial<WireEvent>, call?: CallOptions): void {
    try {
      if (consent === 'denied') return;
      // No timestamp (the hot path: no Date built), or one that is not a valid time: now.
      const nowMs = call?.timestamp === undefined ? scheduler.now() : new Date(call.timestamp).getTime() || scheduler.now();
      const session = sessions.touch(nowMs);
      if (session.started) sessionStart(nowMs, session.state);
      emit(type, fields, nowMs, session.state.id, call);
    } catch (error) {
      report(new WaymarkError('usage', String(error), [], error));
    }
  }

  function start(): void {
    state.open();
    storage.attach(p.openStorage());
    held?.forEach(queue.enqueue);
    held = undefined;
    queue.adoptJournal();
    void storage.events.stats().then(markReady);
    // Events left by earlier visits go out right after the page's own start-up work.
    delivery.schedule(1);
  }

  const api: Tracker = {
    track: (event, properties, call) =>
      typeof event === 'string' && event ? record('track', { event, properties }, call) : report(new WaymarkError('usage', 'event name')),
    page(name, properties, call) {
      context = undefined;
      const { page } = contextNow();
      lastPage = `${page.path}${page.search}`;
      record('page', { name, properties }, call);
    },
    identify(userId, traits, call) {
      if (userId && consent !== 'denied') identity.setUserId(userId);
      record('identify', { traits }, call);
    },
    alias(userId, previousId, call) {
      const { anonymousId, userId: current } = identity.get();
      record('alias', { userId, previousId: previousId ?? current ?? anonymousId }, call);
      if (consent !== 'denied') identity.setUserId(userId);
    },
    group: (groupId, traits, call) => record('group', { groupId, traits }, call),
    reset: () => void identity.reset(),
    async flush() {
      if (held) return;
      await queue.commit();
      await delivery.drain();
    },
    optIn() {
      if (consent === 'granted') return;
      consent = 'granted';
      p.state.set(key('consent'), consent);
      start();
    },
    optOut() {
      consent = 'denied';
      if (held) held = [];
      state.discard();
      queue.clear();
      void storage.events.clear();
      // The unload journals too: events, and the status records of createWaymark's pages.
      for (const name of [key('user'), key('session'), ...p.state.keys(key('unsent:')), ...p.state.keys(key('status:'))]) p.state.remove(name);
      p.state.set(key('consent'), consent);
    },
    consent: () => consent,
    on: emitter.on,
    debug: (enabled = true) => void (debug = enabled),
    newSession() {
      const nowMs = scheduler.now();
      if (consent !== 'denied') sessionStart(nowMs, sessions.rotate(nowMs));
    },
    user() {
      const { anonymousId, userId } = identity.get();
      return { anonymousId, ...(userId && { userId }) };
    },
    ready: () => ready,
  };
  setInternals(api, { kv: storage.kv, options: opts, now: scheduler.now, report, journal: createUnloadJournal(p.state, key('status:'), pageId), onHidden: p.lifecycle.onHidden });

  p.lifecycle.onHidden(() => {
    if (held) return;
    queue.persistForUnload();
    const unsent = queue.unsent();
    // The keepalive request may fail after the tab is gone: the service worker, if the app has one, sends them then.
    if (unsent.length) p.requestSync?.();
    delivery.beacon(unsent);
  });
  p.lifecycle.onResume(() => {
    sessions.refresh();
    void delivery.drain();
  });
  p.lifecycle.onOnline(() => void delivery.drain());
  if (opts.autoPageViews)
    p.watchNavigation(() => {
      const { page } = env.context();
      if (`${page.path}${page.search}` !== lastPage) api.page();
    });

  if (consent === 'granted') start();
  else markReady();
  if (opts.autoPageViews) api.page();
  return api as Tracker<Plan>;
}
