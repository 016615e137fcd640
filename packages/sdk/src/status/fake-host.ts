/** Test doubles for the status layer's port: memory key-value storage, a scripted collector, a scripted tracker. Tests only. */
import type { JsonObject, WireEvent } from '@waymark/core';
import { sharedState } from '../fake-ports.js';
import type { StateStore } from '../ports.js';
import { createUnloadJournal } from '../queue/unload-journal.js';
import type { HttpGet, HttpGetResponse, StatusHost, StatusIdentity, StatusKeyValue } from './status-host.js';

export function memoryKeyValue(): StatusKeyValue & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  return {
    data,
    get: async <T>(key: string) => clone(data.get(key)) as T | undefined,
    set: async (key, value) => void data.set(key, clone(value)),
    delete: async (key) => void data.delete(key),
  };
}

export interface ScriptedRequest {
  url: URL;
  headers: Record<string, string>;
}

/** An HttpGet answered by `route(request)`; throwing from `route` simulates a network failure. */
export function scriptedHttp(route: (req: ScriptedRequest) => HttpGetResponse | Promise<HttpGetResponse>): HttpGet & {
  requests: ScriptedRequest[];
} {
  const requests: ScriptedRequest[] = [];
  const get = (async (url: string, headers: Record<string, string>) => {
    const req = { url: new URL(url), headers };
    requests.push(req);
    return route(req);
  }) as HttpGet & { requests: ScriptedRequest[] };
  get.requests = requests;
  return get;
}


export const T0 = Date.parse('2026-11-20T12:00:00.000Z');

export interface TestTracker {
  host: StatusHost;
  http: ReturnType<typeof scriptedHttp>;
  kv: StatusKeyValue;
  tracked: WireEvent[];
  setNow(ms: number): void;
  identify(userId: string): void;
  reset(): void;
  /** The page is hidden (pagehide, visibilitychange): what a reload or navigation does before the unload. */
  hide(): void;
}

let counter = 0;

/**
 * A tracker on `streamId` sharing `kv` (a reload = a new TestTracker on the same kv with the same user) and `state`
 * (localStorage: give the next page the same one when a reload matters).
 */
export function testTracker(opts: {
  kv?: StatusKeyValue;
  state?: StateStore;
  route?: (req: { url: URL; headers: Record<string, string> }) => HttpGetResponse | Promise<HttpGetResponse>;
  user?: StatusIdentity;
  streamId?: string;
  nowMs?: number;
}): TestTracker {
  const listeners = new Set<(e: WireEvent) => void>();
  const hidden: Array<() => void> = [];
  let user: StatusIdentity = opts.user ?? { anonymousId: 'anon-1' };
  let now = opts.nowMs ?? T0;
  const tracked: WireEvent[] = [];
  const http = scriptedHttp(opts.route ?? (() => ({ status: 404 })));
  const kv = opts.kv ?? memoryKeyValue();
  const emit = (e: Omit<WireEvent, 'messageId' | 'timestamp'>) => {
    const event: WireEvent = {
      ...e,
      messageId: `m${++counter}`,
      anonymousId: user.anonymousId,
      ...(user.userId !== undefined ? { userId: user.userId } : {}),
      timestamp: new Date(now).toISOString(),
      context: { streamId: opts.streamId ?? 'stream-1', sessionId: 'sess-1' },
    };
    tracked.push(event);
    for (const l of listeners) l(event);
  };
  const host: StatusHost = {
    onEvent(l) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    user: () => user,
    ready: async () => undefined,
    track: (event: string, properties?: JsonObject) => emit({ type: 'track', event, ...(properties ? { properties } : {}) }),
    kv,
    journal: createUnloadJournal(opts.state ?? sharedState().tab(), 'waymark:status:', `page-${++counter}`),
    onHidden: (l) => void hidden.push(l),
    httpGet: http,
    now: () => now,
    apiHost: 'http://collector.test',
    writeKey: 'wk_test',
  };
  return {
    host,
    http,
    kv,
    tracked,
    setNow: (ms) => void (now = ms),
    identify(userId) {
      user = { ...user, userId };
      emit({ type: 'identify', traits: {} });
    },
    reset() {
      user = { anonymousId: `anon-${++counter}` };
    },
    hide: () => hidden.forEach((l) => l()),
  };
}
