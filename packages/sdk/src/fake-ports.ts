/** Test doubles for the tracker's ports: a manual clock and timers, scripted transport, page lifecycle you trigger. Tests only. */
import type { TrackerPorts } from './adapters/browser-ports.js';
import type { BatchRequest } from '@waymark/core';
import type { PageContext, StateStore, TransportResponse } from './ports.js';
import { createMemoryEventStore } from './queue/memory-event-store.js';
import { createMemoryKeyValue } from './queue/memory-key-value.js';

export interface SentRequest {
  url: string;
  body: BatchRequest;
  keepalive: boolean;
}

/** A StateStore shared by "tabs": each tab's `watch` hears the other tabs' writes, like storage events. */
export function sharedState() {
  const data = new Map<string, string>();
  const tabs: Array<{ id: number; listeners: Array<(key: string) => void> }> = [];
  return {
    data,
    tab(): StateStore {
      const me = { id: tabs.length, listeners: [] as Array<(key: string) => void> };
      tabs.push(me);
      const notify = (key: string) => tabs.forEach((t) => t !== me && t.listeners.forEach((l) => l(key)));
      return {
        get: (key) => data.get(key) ?? null,
        set: (key, value) => (data.set(key, value), notify(key)),
        remove: (key) => (data.delete(key), notify(key)),
        keys: (prefix) => [...data.keys()].filter((key) => key.startsWith(prefix)),
        watch: (listener) => void me.listeners.push(listener),
      };
    },
  };
}

export type Responder = (request: SentRequest) => TransportResponse | Promise<TransportResponse>;

const ok: Responder = (r) => ({ status: 200, body: { accepted: r.body.batch.length, duplicates: [], rejected: [] } });

/** Fake ports; `respond` scripts the collector (throw to simulate a network error). */
export function fakePorts(options: { state?: StateStore; respond?: Responder; page?: PageContext; startMs?: number } = {}) {
  let now = options.startMs ?? Date.UTC(2026, 0, 1, 12);
  let ids = 0;
  const timers: Array<{ at: number; fn: () => void }> = [];
  const sent: SentRequest[] = [];
  const hidden: Array<() => void> = [];
  const resumed: Array<() => void> = [];
  const navigation: Array<() => void> = [];
  let respond = options.respond ?? ok;
  const page = { path: '/home', url: 'https://app.test/home', search: '', title: 'Home', referrer: '', ...options.page };
  const ports: TrackerPorts = {
    scheduler: {
      now: () => now,
      setTimeout: (fn, ms) => timers.push({ at: now + ms, fn }),
      microtask: (fn) => queueMicrotask(fn),
      random: () => 0.5,
    },
    env: { context: () => ({ page: { ...page }, locale: 'en-GB', timezone: 'Europe/Paris', userAgent: 'test' }), uuid: () => `id-${++ids}` },
    state: options.state ?? sharedState().tab(),
    transport: {
      async send(url, body, keepalive) {
        const request = { url, body: JSON.parse(body) as BatchRequest, keepalive };
        sent.push(request);
        return respond(request);
      },
    },
    lifecycle: {
      onHidden: (l) => void hidden.push(l),
      onResume: (l) => void resumed.push(l),
      onOnline: () => undefined,
    },
    lock: { run: (task) => task() },
    openStorage: () => ({ events: createMemoryEventStore(), kv: createMemoryKeyValue() }),
    watchNavigation: (l) => void navigation.push(l),
  };
  return {
    ports,
    sent,
    page,
    timers,
    /** Every event that reached the collector, in order. */
    delivered: () => sent.flatMap((r) => r.body.batch),
    respondWith: (r: Responder) => void (respond = r),
    /** Moves the clock and runs the timers that fall due. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > until) break;
        timers.shift();
        now = Math.max(now, next.at);
        next.fn();
        await settle();
      }
      now = until;
      await settle();
    },
    hide: () => hidden.forEach((l) => l()),
    resume: () => resumed.forEach((l) => l()),
    navigate: () => navigation.forEach((l) => l()),
  };
}

/** Lets pending promise chains and (fake-)IndexedDB requests run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
