import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { purchaseDays, type Facts } from '@waymark/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { importFile } from './import-file.js';

const dir = mkdtempSync(join(tmpdir(), 'waymark-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const project = { id: 'default', name: 'Default', writeKey: 'wk_x', secretKey: 'sk_x' };
const withProject = async () => {
  const s = createMemoryStorage();
  await s.createProject(project);
  return s;
};

describe('importFile', () => {
  it('imports NDJSON events and export lines, skips profile lines, reports rejected lines, and is resumable', async () => {
    const storage = createMemoryStorage();
    await storage.createProject(project);
    const lines = [
      JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u1', messageId: 'm1', timestamp: '2020-03-01T10:00:00.000Z', sentAt: '2020-03-05T00:00:00.000Z', properties: { revenue: 12 } }),
      JSON.stringify({ type: 'profile', userId: 'u1', profile: null }),
      JSON.stringify({ type: 'event', event: { type: 'track', event: 'Order Completed', userId: 'u1', messageId: 'm2', timestamp: '2020-03-09T10:00:00.000Z', receivedAt: '2020-03-09T10:00:01.000Z', properties: { revenue: 8 } } }),
      '{not json',
      '',
      JSON.stringify({ type: 'track', userId: 'u2', timestamp: '2020-03-01T10:00:00.000Z' }),
      JSON.stringify({ type: 'page', anonymousId: 'a9', name: 'Home', timestamp: '2020-03-02T10:00:00.000Z' }),
    ];
    const path = file('events.ndjson', lines.join('\n'));
    const first = await importFile(storage, 'default', path);
    expect(first).toMatchObject({ read: 5, stored: 3, duplicates: 0, rejected: 2, skipped: 1 });
    expect(first.rejections.map((r) => r.line)).toEqual([4, 6]);
    expect(first.rejections[0]!.reason).toBe('line is not valid JSON');
    // The device's timestamp is kept (no skew correction against the import time), so history stays in place.
    const facts = (await storage.readProfile('default', { userId: 'u1' }))!.facts as Facts;
    expect([facts.buy0, purchaseDays(facts)]).toEqual([Date.parse('2020-03-01T10:00:00.000Z'), 2]);
    const again = await importFile(storage, 'default', path);
    expect(again).toMatchObject({ read: 5, stored: 0, duplicates: 3, rejected: 2 });
  });

  it('imports a purchase log as Order Completed events with revenue, with stable messageIds', async () => {
    const storage = createMemoryStorage();
    await storage.createProject(project);
    const path = file('log.csv', 'cust,day,sales\nc1,20190101,10\nc1,20190101,10\nc1,20190115,5\nc2,bad,1\n');
    const progress: number[] = [];
    const opts = { elog: true, customerColumn: 'cust', dateColumn: 'day', amountColumn: 'sales', batchSize: 2, onProgress: (p: { read: number }) => progress.push(p.read) };
    expect(await importFile(storage, 'default', path, opts)).toMatchObject({ read: 4, stored: 3, duplicates: 0, rejected: 1, rejections: [{ line: 5, reason: 'bad date "bad"' }] });
    expect(progress).toEqual([3, 4]);
    const facts = (await storage.readProfile('default', { userId: 'c1' }))!.facts as Facts;
    expect([purchaseDays(facts), facts.src['waymark-import:c1']!.c.revenue]).toEqual([2, 25]);
    expect(await importFile(storage, 'default', path, opts)).toMatchObject({ stored: 0, duplicates: 3 });
  });

  it('moves an old log (CDNOW, 1997) so its last purchase falls on a chosen day, keeping the gaps', async () => {
    const storage = await withProject();
    const path = file('old.csv', 'id,date,sales\nc1,19970101,10\nc1,19970301,5\nc2,19970310,7\n');
    const endAtMs = Date.UTC(2026, 11, 6, 15);
    const opts = { elog: true, customerColumn: 'id', amountColumn: 'sales', endAtMs, nowMs: () => endAtMs };
    // Without the move the wire schema rejects the 1997 times; with it every row is stored.
    expect(await importFile(await withProject(), 'default', path, { ...opts, endAtMs: undefined })).toMatchObject({ stored: 0, rejected: 3 });
    expect(await importFile(storage, 'default', path, opts)).toMatchObject({ stored: 3, rejected: 0 });
    const f = (await storage.readProfile('default', { userId: 'c1' }))!.facts as Facts;
    expect(f.buy.map((d) => d - f.buy[0]!)).toEqual([0, 59]);
    expect(f.buy0).toBe(Date.UTC(2026, 11, 6) - 68 * 86_400_000);
    expect(await importFile(storage, 'default', path, { ...opts, endAtMs: endAtMs - 5 * 86_400_000 })).toMatchObject({ stored: 0, duplicates: 3 });
  });

  it('refuses a project that does not exist', async () => {
    await expect(importFile(createMemoryStorage(), 'nope', file('x.ndjson', ''))).rejects.toThrow('no project "nope"');
  });
});
