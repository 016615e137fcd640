import { describe, expect, it } from 'vitest';
import { postgresMissing } from '../../../../test/support/throwaway-postgres.mjs';
import { createApp } from '../app.js';
import { basic } from '../app.fixture.js';
import { createPostgresStorage } from './postgres-storage.js';
import { useThrowawayDatabase } from './throwaway-database.fixture.js';

const missing = postgresMissing();
const WRITE_KEY = 'wk_streams';
const SECRET_KEY = 'sk_streams';
const DAY_MS = 86_400_000;

type PgStorage = Awaited<ReturnType<typeof createPostgresStorage>>;
type Totals = { sequences: number; generated: number; received: number; missing: number; withGaps: number };

/** A collector process: its own connection pool and app over the shared database. */
const collector = (storage: PgStorage) => {
  const app = createApp({ storage, config: { keyRateLimit: false, ipRateLimit: false } });
  return {
    storage,
    /** Sends tab `tab`'s events `seqs` of device stream `stream`, as the SDK numbers them. */
    async send(stream: string, tab: string, seqs: number[]) {
      const batch = seqs.map((seq) => ({ type: 'track', event: 'Clicked', anonymousId: `anon-${stream}`, messageId: `${tab}-${seq}`,
        timestamp: new Date().toISOString(), context: { streamId: stream, seq } }));
      const res = await app.request('/v1/batch', { method: 'POST', headers: { authorization: basic(WRITE_KEY), 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
      expect(res.status).toBe(200);
      return (await res.json()) as { accepted: number; duplicates: string[]; rejected: unknown[] };
    },
    async streams(query = '') {
      const res = await app.request(`/v1/admin/streams${query}`, { headers: { authorization: basic(SECRET_KEY) } });
      expect(res.status).toBe(200);
      return (await res.json()) as { totals: Totals; sequences: Array<Record<string, unknown>> };
    },
    /** The project's stream gauges in /metrics. */
    async metrics() {
      const text = await (await app.request('/metrics')).text();
      const gauge = (name: string) => Number(new RegExp(`^${name}\\{project="p1"\\} (\\d+)$`, 'm').exec(text)?.[1]);
      return { generated: gauge('waymark_stream_events_generated_total'), received: gauge('waymark_stream_events_received_total'),
        missing: gauge('waymark_stream_events_missing'), withGaps: gauge('waymark_streams_with_gaps') };
    },
  };
};

describe.skipIf(missing)('stream gaps on PostgreSQL: two collector processes on one database', () => {
  const url = useThrowawayDatabase();

  it('counts exactly whatever process stored each batch, duplicates once, across a restart and after pruning', async () => {
    const open = () => createPostgresStorage({ url: url(), schema: 'streams', maxConnections: 4 });
    const a = collector(await open());
    await a.storage.createProject({ id: 'p1', name: 'Streams', writeKey: WRITE_KEY, secretKey: SECRET_KEY });
    const b = collector(await open());
    let c: ReturnType<typeof collector> | undefined;
    try {
      // Tab t1: seq 1..20 in batches of two alternating between the processes, at once (they race on its row).
      await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).send('dev-1', 't1', [2 * i + 1, 2 * i + 2])));
      for (const p of [a, b]) expect((await p.streams()).totals).toEqual({ sequences: 1, generated: 20, received: 20, missing: 0, withGaps: 0 });

      // Tab t2: seq 5 never sent, the rest split between the processes.
      await a.send('dev-2', 't2', [1, 2, 3, 4]);
      await b.send('dev-2', 't2', [6, 7, 8]);
      // Retries of batches stored by the other process (a lost answer), one with a new event: duplicates count once.
      expect(await b.send('dev-1', 't1', [1, 2])).toEqual({ accepted: 0, duplicates: ['t1-1', 't1-2'], rejected: [] });
      expect(await a.send('dev-2', 't2', [7, 8, 9])).toEqual({ accepted: 1, duplicates: ['t2-7', 't2-8'], rejected: [] });

      const expected = { sequences: 2, generated: 29, received: 28, missing: 1, withGaps: 1 };
      const gap = { streamId: 'dev-2', tab: 't2', firstSeq: 1, lastSeq: 9, received: 8, missing: 1, lastSeenAt: expect.any(String) };
      for (const p of [a, b]) {
        expect(await p.streams()).toEqual({ totals: expected, sequences: [gap] });
        expect(await p.metrics()).toEqual({ generated: 29, received: 28, missing: 1, withGaps: 1 });
      }
      expect((await a.streams('?all=1')).sequences.map((s) => [s.tab, s.received, s.missing])).toEqual([['t2', 8, 1], ['t1', 20, 0]]);

      // A restarted process reads the same counts (nothing in memory).
      await a.storage.close();
      c = collector(await open());
      expect(await c.streams()).toEqual({ totals: expected, sequences: [gap] });

      // Pruned sequences leave the list, not the totals.
      expect(await c.storage.pruneStreamSequences(Date.now() + 29 * DAY_MS)).toBe(0);
      expect(await c.storage.pruneStreamSequences(Date.now() + 31 * DAY_MS)).toBe(2);
      expect(await c.streams('?all=1')).toEqual({ totals: expected, sequences: [] });
      expect(await b.metrics()).toEqual({ generated: 29, received: 28, missing: 1, withGaps: 1 });
      // The tab comes back: counted again from its first event after the pruning, on top of the retired totals.
      await b.send('dev-2', 't2', [10]);
      expect((await c.streams()).totals).toEqual({ sequences: 3, generated: 30, received: 29, missing: 1, withGaps: 1 });
    } finally {
      await Promise.all([a.storage.close().catch(() => {}), b.storage.close(), c?.storage.close()]);
    }
  });

  it('keeps the totals equal to the sequences under concurrent batches of many tabs on both processes, retries included', async () => {
    const open = () => createPostgresStorage({ url: url(), schema: 'streams_race', maxConnections: 4 });
    const a = collector(await open());
    await a.storage.createProject({ id: 'p1', name: 'Race', writeKey: WRITE_KEY, secretKey: SECRET_KEY });
    const b = collector(await open());
    try {
      // 8 devices x 2 tabs, seq 1..30; the second tab of every device loses seq 3, 10, 17 and 24.
      const sent = Array.from({ length: 16 }, (_, t) => ({ stream: `dev-${t >> 1}`, tab: `tab-${t}`,
        seqs: Array.from({ length: 30 }, (_, i) => i + 1).filter((seq) => t % 2 === 0 || seq % 7 !== 3) }));
      // Batches of 5 in a shuffled order (a tab's later events may land first); one in four resent to the other process.
      const batches = sent.flatMap((t) => Array.from({ length: Math.ceil(t.seqs.length / 5) }, (_, i) => ({ ...t, seqs: t.seqs.slice(5 * i, 5 * i + 5) })))
        .map((batch, i) => ({ batch, order: (i * 37) % 101 })).sort((x, y) => x.order - y.order).map(({ batch }) => batch);
      const sends = batches.flatMap((batch, i) => [[i, batch] as const, ...(i % 4 === 0 ? [[i + 1, batch] as const] : [])]);
      let next = 0;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (next < sends.length) {
          const [i, { stream, tab, seqs }] = sends[next++]!;
          await (i % 2 === 0 ? a : b).send(stream, tab, seqs);
        }
      }));
      const expected = { sequences: 16, generated: 16 * 30, received: 8 * 30 + 8 * 26, missing: 8 * 4, withGaps: 8 };
      expect((await b.streams()).totals).toEqual(expected);
      expect(await a.metrics()).toEqual({ generated: expected.generated, received: expected.received, missing: expected.missing, withGaps: 8 });
      const [sum] = await a.storage.sql<Array<Record<string, number>>>`SELECT count(*)::int8 AS sequences, sum(last_seq - first_seq + 1)::int8 AS generated,
        sum(received)::int8 AS received FROM streams_race.stream_sequences`;
      expect(sum).toEqual({ sequences: 16, generated: expected.generated, received: expected.received });
    } finally {
      await Promise.all([a.storage.close(), b.storage.close()]);
    }
  });
});
