/** Per device stream and tab, the events generated (by the SDK's per-tab `seq`) against those stored: loss seen in production. */
import type { StoredEvent } from '../storage/storage.js';

/** One tab's sequence: the SDK numbers a page's events 1, 2, 3… (`context.seq`) under the device's `context.streamId`. */
export interface StreamSequence {
  projectId: string;
  streamId: string;
  /** The page's id, from its messageIds (`<page id>-<seq>`). */
  tab: string;
  firstSeq: number;
  lastSeq: number;
  /** Distinct events of the sequence stored (in memory: since this process started). */
  received: number;
  /** `lastSeq - firstSeq + 1 - received`: numbers between the first and last stored that never arrived (yet). */
  missing: number;
  lastSeenMs: number;
}

export interface StreamTotals {
  sequences: number;
  generated: number;
  received: number;
  missing: number;
  /** Sequences with `missing > 0`. */
  withGaps: number;
}

/** One batch's newly stored events of one tab sequence. */
export interface SequenceDelta {
  streamId: string;
  tab: string;
  firstSeq: number;
  lastSeq: number;
  /** Distinct events of the sequence newly stored by the batch. */
  received: number;
}

/**
 * Groups a batch's events by tab sequence, skipping `skip`ped messageIds (already stored) and events without the
 * SDK's numbering: a `context.streamId`, a `context.seq` ≥ 1 and the messageId `<page id>-<seq>` (a caller-supplied
 * messageId does not use up a seq number).
 */
export function groupSequences(events: readonly StoredEvent[], skip?: (messageId: string) => boolean): SequenceDelta[] {
  const out: SequenceDelta[] = [];
  const byKey = new Map<string, SequenceDelta>();
  let d: SequenceDelta | undefined; // the sequence of the previous event: a browser's batch is one or two tabs
  for (const e of events) {
    const seq = e.wire.context?.seq as number;
    const streamId = e.wire.context?.streamId;
    if (typeof streamId !== 'string' || !Number.isSafeInteger(seq) || seq < 1) continue;
    const id = e.messageId;
    const dash = id.lastIndexOf('-');
    if (dash <= 0 || id.slice(dash + 1) !== String(seq) || skip?.(id)) continue;
    if (!d || d.streamId !== streamId || id.lastIndexOf(d.tab, 0) !== 0 || d.tab.length !== dash) {
      const tab = id.slice(0, dash);
      const key = `${streamId}\u0000${tab}`;
      d = byKey.get(key);
      if (!d) {
        byKey.set(key, (d = { streamId, tab, firstSeq: seq, lastSeq: seq, received: 0 }));
        out.push(d);
      }
    }
    d.firstSeq = Math.min(d.firstSeq, seq);
    d.lastSeq = Math.max(d.lastSeq, seq);
    d.received++;
  }
  return out;
}

/**
 * Delivery-gap counts kept by the storage itself (PostgreSQL: updated in each batch's transaction), exact whatever
 * process stored each batch and across restarts. Read by `/metrics` and `GET /v1/admin/streams` instead of the
 * in-memory `StreamGaps` when the storage has them (`Storage.streamGaps`).
 */
export interface StreamGapStore {
  /** Per project (or only `projectId`'s): totals over every sequence stored, pruned ones included. */
  totals(projectId?: string): Promise<Map<string, StreamTotals>>;
  /** A project's sequences still kept, most missing first; `onlyGaps` keeps those with `missing > 0`. */
  sequences(projectId: string, onlyGaps: boolean, limit: number): Promise<StreamSequence[]>;
}

export interface StreamGaps {
  /** Counts the events a batch newly stored (`duplicates`: messageIds that were already stored, not counted again). */
  record(projectId: string, events: readonly StoredEvent[], duplicates: readonly string[], nowMs: number): void;
  /** Per project: totals over every sequence seen since start (evicted ones included, frozen at eviction). */
  totals(): Map<string, StreamTotals>;
  /** A project's sequences still tracked, most missing first; `onlyGaps` keeps those with `missing > 0`. */
  sequences(projectId: string, onlyGaps: boolean, limit: number): StreamSequence[];
}

/**
 * Counts since the process started, in memory: a sequence is measured from the first of its events this process
 * stored, so a restart never reports the events stored before it as lost (a loss before that first event is
 * not seen either). Events with a caller-supplied messageId (no `<page>-<seq>` form) are not counted. At most
 * `maxSequences` are kept, least recently active evicted first (their counts stay in the totals).
 * @param maxSequences @default 20000
 */
export function createStreamGaps(maxSequences = 20_000): StreamGaps {
  const live = new Map<string, StreamSequence>();
  const totals = new Map<string, StreamTotals>();
  const totalsOf = (projectId: string) => {
    let t = totals.get(projectId);
    if (!t) totals.set(projectId, (t = { sequences: 0, generated: 0, received: 0, missing: 0, withGaps: 0 }));
    return t;
  };
  /** Adds (`sign` 1) or removes (-1) a sequence's contribution to its project's totals. */
  const count = (s: StreamSequence, sign: 1 | -1) => {
    const t = totalsOf(s.projectId);
    t.generated += sign * (s.lastSeq - s.firstSeq + 1);
    t.received += sign * s.received;
    t.missing += sign * s.missing;
    t.withGaps += sign * (s.missing > 0 ? 1 : 0);
  };
  /** Takes the sequence out of the totals while a batch updates it (`settle` puts it back), most recent last in `live`. */
  const open = (projectId: string, streamId: string, tab: string): StreamSequence => {
    const key = `${projectId}\u0000${streamId}\u0000${tab}`;
    let s = live.get(key);
    if (s) {
      count(s, -1);
      live.delete(key);
    } else {
      s = { projectId, streamId, tab, firstSeq: Infinity, lastSeq: 0, received: 0, missing: 0, lastSeenMs: 0 };
      totalsOf(projectId).sequences++;
    }
    live.set(key, s);
    return s;
  };
  const settle = (s: StreamSequence) => {
    s.missing = Math.max(0, s.lastSeq - s.firstSeq + 1 - s.received);
    count(s, 1);
  };
  return {
    record(projectId, events, duplicates, nowMs) {
      const old = duplicates.length ? new Set(duplicates) : undefined;
      for (const d of groupSequences(events, old && ((id) => old.has(id)))) {
        const s = open(projectId, d.streamId, d.tab);
        s.firstSeq = Math.min(s.firstSeq, d.firstSeq);
        s.lastSeq = Math.max(s.lastSeq, d.lastSeq);
        s.received += d.received;
        s.lastSeenMs = nowMs;
        settle(s);
      }
      for (const [key] of live) {
        if (live.size <= maxSequences) break;
        live.delete(key);
      }
    },
    totals: () => totals,
    sequences(projectId, onlyGaps, limit) {
      const out = [...live.values()].filter((s) => s.projectId === projectId && (!onlyGaps || s.missing > 0));
      return out.sort((a, b) => b.missing - a.missing || b.lastSeenMs - a.lastSeenMs).slice(0, limit);
    },
  };
}
