/** The write side of the queue: events coalesced per task into one store write, caps enforced, this tab's unsent events remembered for the last-moment beacon. */
import type { WireEvent } from '@waymark/core';
import { WaymarkError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { overflowCount } from '../policies/batching.js';
import type { EventStore, QueueStats, Scheduler, StoredEvent } from '../ports.js';
import type { UnloadJournal } from './unload-journal.js';

/** UTF-8 size of a string. */
export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

export interface EventQueueDeps {
  store: EventStore;
  scheduler: Scheduler;
  options: Pick<ResolvedOptions, 'maxQueueEvents' | 'maxQueueBytes' | 'maxBatchBytes'>;
  report(error: WaymarkError): void;
  /** Called after each write with the queue's totals (all tabs). */
  written(stats: QueueStats): void;
  /** Where events not yet durable go when the page is hidden (see `unload-journal.ts`). */
  journal: UnloadJournal;
  /** Whether `store` is durable now (false once storage fell back to memory). */
  durable(): boolean;
}

export function createEventQueue({ store, scheduler, options, report, written, journal, durable }: EventQueueDeps) {
  let pending: WireEvent[] = [];
  let counter = 0;
  let writing: Promise<void> = Promise.resolve();
  /** Records handed to `store.add` whose write has not finished: an unload now would abort it. */
  const inFlight = new Map<string, StoredEvent>();
  /** This page has a journal entry, to be rewritten as writes finish and acknowledgements arrive. */
  let journaled = false;
  /** Journals what only this page holds: writes in flight, and every unsent event if storage is memory. */
  const saveJournal = () => {
    const list = new Map(inFlight);
    if (!durable()) for (const [id, e] of unsent) list.set(id, e);
    journal.saveOwn([...list.values()]);
    journaled = list.size > 0;
  };
  /** This tab's events not yet acknowledged, newest kept, at most one keepalive request's worth. */
  const unsent = new Map<string, StoredEvent>();
  let unsentBytes = 0;
  const forget = (id: string) => {
    const found = unsent.get(id);
    if (found && unsent.delete(id)) unsentBytes -= found.bytes;
  };

  /** Drops the oldest events until the queue fits its caps (reading its head in chunks of 500 at least). */
  const enforceCaps = async (stats: QueueStats): Promise<QueueStats> => {
    let ids: string[];
    do {
      const head = await store.oldest(Math.max(500, stats.count - options.maxQueueEvents));
      ids = head.slice(0, overflowCount(stats.count, stats.bytes, head.map((e) => e.bytes), options)).map((e) => e.id);
      if (ids.length) {
        await store.remove(ids, ids.length);
        ids.forEach(forget);
        report(new WaymarkError('dropped', 'queue full', ids));
        stats = await store.stats();
      }
    } while (ids.length);
    return stats;
  };

  /** Serialises what this task tracked and writes it in one transaction (chained, so writes keep their order). */
  function commit(): Promise<void> {
    const events = pending;
    pending = [];
    if (!events.length) return writing;
    const records: StoredEvent[] = [];
    for (const event of events) {
      let json: string;
      try {
        json = JSON.stringify(event);
      } catch (error) {
        // Circular or BigInt properties: this event cannot be sent, the others can.
        report(new WaymarkError('usage', String(error), [event.messageId], error));
        continue;
      }
      // Oversized events are queued too: the collector rejects them by name (LIMITS.maxEventBytes), and they are dropped then.
      const bytes = utf8Bytes(json);
      const record = { id: event.messageId, order: scheduler.now() * 1000 + (counter++ % 1000), bytes, json };
      records.push(record);
    }
    remember(records);
    return write(records);
  }

  /** Keeps `records` as this tab's to send at page hide, newest first within one keepalive request. */
  function remember(records: StoredEvent[]): void {
    for (const record of records) {
      forget(record.id);
      unsent.set(record.id, record);
      unsentBytes += record.bytes;
    }
    for (const [id] of unsent) {
      if (unsentBytes <= options.maxBatchBytes) break;
      forget(id);
    }
  }

  /** Adds `records` after the writes before them; `then` runs once they are in the store. */
  function write(records: StoredEvent[], then?: () => void): Promise<void> {
    records.forEach((r) => inFlight.set(r.id, r));
    writing = writing
      .then(() => store.add(records))
      .finally(() => {
        records.forEach((r) => inFlight.delete(r.id));
        if (journaled) saveJournal();
      })
      .then(then)
      .then(() => store.stats())
      .then(enforceCaps)
      .then(written)
      .catch(() => undefined);
    return writing;
  }

  return {
    enqueue(event: WireEvent): void {
      if (!pending.length) scheduler.microtask(commit);
      pending.push(event);
    },
    commit,
    /** This tab's unacknowledged events, oldest first. */
    unsent: (): StoredEvent[] => [...unsent.values()],
    /** The collector has these: no need to send them from this tab again. */
    acknowledge(ids: readonly string[]): void {
      ids.forEach(forget);
      if (journaled) saveJournal();
    },
    /**
     * The page is hidden, maybe for good: writes this task's events and journals, synchronously, what an
     * unload could still lose. An entry left by a page that came back is rewritten as its writes finish.
     */
    persistForUnload(): void {
      void commit();
      saveJournal();
    },
    /** Stores the events other pages journaled (ids already stored are skipped), then drops their entries. */
    adoptJournal(): void {
      for (const entry of journal.leftovers()) {
        const events = entry.events.filter((e) => e?.id);
        // In IndexedDB they are sent like any queued event; held in memory only, this tab journals them in turn.
        if (!durable()) remember(events);
        void write(events, entry.remove);
      }
    },
    /** Held events before the queue existed or consent refused: nothing left to send from here. */
    clear: (): void => {
      pending = [];
      unsent.clear();
      unsentBytes = 0;
    },
  };
}
