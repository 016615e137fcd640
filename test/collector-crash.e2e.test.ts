/** Durability: SIGKILL under load loses no acknowledged event; SIGTERM finishes in-flight batches. */
import { describe, expect, it } from 'vitest';
import { integrityCheck, queryEvents, startCollector, type StartedCollector } from './support/collector.js';

const BATCH_SIZE = 50;
const SENDERS = 4;
const MAX_BATCHES = 3000;

interface Load {
  /** Every batch sent, by its messageIds. */
  batches: string[][];
  /** messageIds of batches answered 200 with every event accepted or duplicate. */
  acked: Set<string>;
  stop(): Promise<void>;
}

/** Bounded load: SENDERS loops, each sending batches until stopped or MAX_BATCHES in total. */
function startLoad(c: StartedCollector): Load {
  const batches: string[][] = [];
  const acked = new Set<string>();
  let stopped = false;
  const auth = `Basic ${btoa(`${c.writeKey}:`)}`;
  const sender = async (s: number) => {
    while (!stopped && batches.length < MAX_BATCHES) {
      const n = batches.length;
      const ids = Array.from({ length: BATCH_SIZE }, (_, i) => `crash-${s}-${n}-${i}`);
      batches.push(ids);
      const now = new Date().toISOString();
      const batch = ids.map((messageId, i) => ({ type: 'track', event: 'Load', messageId, userId: `u${i % 7}`, anonymousId: `a${s}`, timestamp: now, properties: { n, i } }));
      try {
        const res = await fetch(`${c.url}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch, sentAt: now }) });
        const body = (await res.json()) as { accepted: number; duplicates: string[] };
        if (res.status === 200 && body.accepted + body.duplicates.length === BATCH_SIZE) ids.forEach((id) => acked.add(id));
      } catch {
        // the server died mid-request: this batch is not acknowledged
        if (stopped) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const running = Array.from({ length: SENDERS }, (_, s) => sender(s));
  return {
    batches,
    acked,
    async stop() {
      stopped = true;
      await Promise.all(running);
    },
  };
}

const waitFor = async (cond: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

describe('collector durability', () => {
  it('after SIGKILL under load, every acknowledged event is stored, batches are all-or-nothing, the file is sound', async () => {
    const c = await startCollector();
    const load = startLoad(c);
    await waitFor(() => load.acked.size >= 40 * BATCH_SIZE, 30_000);
    await c.kill();
    await load.stop();
    expect(load.acked.size).toBeGreaterThan(0);

    const restarted = await startCollector({ dbPath: c.dbPath, env: { WAYMARK_WRITE_KEY: c.writeKey, WAYMARK_SECRET_KEY: c.secretKey } });
    try {
      expect(integrityCheck(c.dbPath)).toBe('ok');
      const stored = new Set(queryEvents(c.dbPath).map((e) => e.messageId));
      const lost = [...load.acked].filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      for (const ids of load.batches) {
        const present = ids.filter((id) => stored.has(id)).length;
        expect([0, BATCH_SIZE]).toContain(present);
      }
      // A client retrying an unacknowledged batch after the restart gets each event stored once.
      const retry = load.batches.find((ids) => !ids.every((id) => load.acked.has(id)));
      if (retry) {
        const now = new Date().toISOString();
        const res = await fetch(`${restarted.url}/v1/batch`, {
          method: 'POST',
          headers: { authorization: `Basic ${btoa(`${c.writeKey}:`)}`, 'content-type': 'application/json' },
          body: JSON.stringify({ batch: retry.map((messageId) => ({ type: 'track', event: 'Load', messageId, userId: 'u0', timestamp: now })) }),
        });
        const body = (await res.json()) as { accepted: number; duplicates: string[] };
        expect(body.accepted + body.duplicates.length).toBe(BATCH_SIZE);
        const ids = queryEvents(c.dbPath).map((e) => e.messageId);
        expect(ids.length).toBe(new Set(ids).size);
      }
    } finally {
      await restarted.stop();
    }
  });

  it('SIGTERM under load answers in-flight batches, then exits cleanly with everything acknowledged stored', async () => {
    const c = await startCollector();
    const load = startLoad(c);
    await waitFor(() => load.acked.size >= 20 * BATCH_SIZE, 30_000);
    await c.stop();
    await load.stop();
    expect(c.logs()).toContain('"msg":"stopped"');
    expect(c.exitCode()).toBe(0);
    expect(integrityCheck(c.dbPath)).toBe('ok');
    const stored = new Set(queryEvents(c.dbPath).map((e) => e.messageId));
    expect([...load.acked].filter((id) => !stored.has(id))).toEqual([]);
  });
});
