/** The send side of the queue: batches of the oldest events under the cross-tab lock, acknowledgements, retries, and the last-moment keepalive send. */
import type { BatchResponse } from '@waymark/core';
import { WaymarkError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { nextDelayMs } from '../policies/backoff.js';
import { batchLength } from '../policies/batching.js';
import type { EventStore, Scheduler, SendLock, StateStore, StoredEvent, Transport, TransportResponse } from '../ports.js';

type Options = Pick<
  ResolvedOptions,
  'writeKey' | 'host' | 'maxBatchEvents' | 'maxBatchBytes' | 'maxEventAgeMs' | 'minRetryDelayMs' | 'maxRetryDelayMs'
>;

export interface DeliveryDeps {
  store: EventStore;
  transport: Transport;
  scheduler: Scheduler;
  lock: SendLock;
  /** Shared by the tabs: holds the time before which nobody sends (the server's `Retry-After`). */
  state: StateStore;
  retryAtKey: string;
  options: Options;
  report(error: WaymarkError): void;
  delivered(messageIds: string[], response: TransportResponse): void;
  /** A send failed and will be retried: events are waiting (the page asks its service worker to deliver them too). */
  stalled?(): void;
}

const isOk = (status: number) => status >= 200 && status < 300;

/** The ids of `batch` that a `BatchResponse` lists as rejected (by index into the batch). */
function rejectedIds(response: TransportResponse, batch: StoredEvent[]): string[] {
  const list = (response.body as Partial<BatchResponse> | undefined)?.rejected;
  return Array.isArray(list) ? list.map((r) => batch[r?.index]?.id).filter((id): id is string => !!id) : [];
}

export function createDelivery(deps: DeliveryDeps) {
  const { store, transport, scheduler, options, report } = deps;
  const url = `${options.host}/v1/batch`;
  let timer: unknown;
  let attempt = 0;
  let limit = options.maxBatchEvents;
  let chain: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  /** Ids on their way in a keepalive request: not sent again unless that request fails. */
  const beaconed = new Set<string>();

  const retryAt = () => Number(deps.state.get(deps.retryAtKey)) || 0;

  /**
   * Drains in `delayMs` unless a drain is already scheduled (the flush interval, or a retry that must
   * not be hurried); full batches, `flush()` and the page lifecycle call `drain` directly.
   */
  function schedule(delayMs: number): void {
    timer ??= scheduler.setTimeout(() => {
      timer = undefined;
      void drain();
    }, delayMs);
  }

  async function post(batch: StoredEvent[], dropped: number, keepalive: boolean): Promise<TransportResponse | undefined> {
    const json = batch.map((e) => e.json);
    if (dropped) {
      const first = JSON.parse(json[0]!);
      first.context = { ...first.context, droppedEvents: dropped };
      json[0] = JSON.stringify(first);
    }
    const sentAt = new Date(scheduler.now()).toISOString();
    const body = `{"batch":[${json.join(',')}],"sentAt":"${sentAt}","writeKey":${JSON.stringify(options.writeKey)}}`;
    try {
      return await transport.send(url, body, keepalive);
    } catch (error) {
      report(new WaymarkError('delivery', String(error), [], error));
      return undefined;
    }
  }

  /** Removes what the collector acknowledged; reports what it rejected. */
  async function settle(batch: StoredEvent[], response: TransportResponse, dropped: number): Promise<void> {
    const ids = batch.map((e) => e.id);
    const rejected = rejectedIds(response, batch);
    await store.remove(ids, -dropped);
    if (rejected.length) report(new WaymarkError('rejected', JSON.stringify(response.body), rejected));
    deps.delivered(ids.filter((id) => !rejected.includes(id)), response);
  }

  /** Sends batches until the queue is empty or a send fails (then a retry is scheduled). Runs under the lock. */
  async function sendAll(): Promise<void> {
    for (;;) {
      const now = scheduler.now();
      if (retryAt() > now) return schedule(retryAt() - now);
      const head = (await store.oldest(limit)).filter((e) => !beaconed.has(e.id));
      if (!head.length) return void (attempt = 0);
      const expired = head.filter((e) => now - e.order / 1000 > options.maxEventAgeMs);
      if (expired.length) {
        const ids = expired.map((e) => e.id);
        await store.remove(ids, ids.length);
        report(new WaymarkError('dropped', 'too old', ids));
        continue;
      }
      const batch = head.slice(0, batchLength(head.map((e) => e.bytes), { maxBatchEvents: limit, maxBatchBytes: options.maxBatchBytes }));
      const { dropped } = await store.stats();
      const response = await post(batch, dropped, false);
      const status = response?.status ?? 0;
      if (response && isOk(status)) {
        await settle(batch, response, dropped);
        attempt = 0;
        limit = options.maxBatchEvents;
        continue;
      }
      if (response && (status === 400 || status === 413 || status === 422)) {
        // Invalid or too large: drop what the collector named, else halve the batch until the culprit is alone.
        const rejected = rejectedIds(response, batch);
        if (rejected.length || batch.length === 1) {
          const ids = rejected.length ? rejected : [batch[0]!.id];
          await store.remove(ids);
          report(new WaymarkError('rejected', `${status} ${JSON.stringify(response.body)}`, ids));
        } else limit = Math.ceil(batch.length / 2);
        continue;
      }
      const delay = nextDelayMs(attempt++, scheduler.random(), options, response?.retryAfterMs);
      // Retry-After counts from the answer, not from when the request left.
      if (response?.retryAfterMs !== undefined) deps.state.set(deps.retryAtKey, String(scheduler.now() + delay));
      if (response) report(new WaymarkError('delivery', `HTTP ${status}`));
      deps.stalled?.();
      return schedule(delay);
    }
  }

  /** Runs one `sendAll` after the current one; calls made while one is waiting share it. */
  function drain(): Promise<void> {
    return (queued ??= chain = chain
      .then(() => {
        queued = undefined;
        return deps.lock.run(sendAll);
      })
      .catch(() => undefined));
  }

  /**
   * The page is going away: sends `events` (this tab's unsent ones, at most `maxBatchBytes`, so within the
   * 64 KB keepalive budget) in one keepalive request, without waiting for the lock. Pages hidden several
   * times (mobile) do not resend what is already on its way.
   */
  function beacon(events: StoredEvent[]): void {
    const batch = events.filter((e) => !beaconed.has(e.id));
    if (!batch.length || retryAt() > scheduler.now()) return;
    batch.forEach((e) => beaconed.add(e.id));
    void post(batch, 0, true).then((response) =>
      response && isOk(response.status) ? settle(batch, response, 0) : batch.forEach((e) => beaconed.delete(e.id)),
    );
  }

  return { drain, schedule, beacon };
}
