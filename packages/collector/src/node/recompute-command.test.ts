import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coreFactsReducer } from '../profile/core-facts.js';
import { storedEvent } from '../storage/storage.contract.js';
import { runRecomputeCommand } from './recompute-command.js';
import { createSqliteStorage } from './sqlite-storage.js';

const io = () => {
  const out = { stdout: '', stderr: '' };
  return { out, sink: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
};

describe('waymark-collector recompute', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('refuses unknown options and explains itself', async () => {
    const a = io();
    expect(await runRecomputeCommand(['--frobnicate'], {}, a.sink)).toBe(2);
    expect(a.out.stderr).toContain('unknown option --frobnicate');
    const b = io();
    expect(await runRecomputeCommand(['--help'], {}, b.sink)).toBe(0);
    expect(b.out.stdout).toContain('Usage: waymark-collector recompute');
  });

  it('recomputes one project of a SQLite file (WAYMARK_DB) and prints a line per project, or JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-recompute-'));
    dirs.push(dir);
    const path = join(dir, 'w.db');
    const storage = createSqliteStorage({ path, synchronous: 'normal' });
    await storage.createProject({ id: 'shop', name: 'Shop', writeKey: 'w', secretKey: 's' });
    await storage.commitBatch('shop', [storedEvent('m1', { userId: 'u1' }, { timestamp: new Date().toISOString() })], coreFactsReducer());
    await storage.close();
    const text = io();
    expect(await runRecomputeCommand(['--project', 'shop'], { WAYMARK_DB: path }, text.sink)).toBe(0);
    expect(text.out.stdout).toMatch(/^shop: 1 users, 1 new events, snapshot \d{4}-\d{2}-\d{2}, personas too few users/);
    expect(text.out.stderr).toContain('shop: folding new events');
    const json = io();
    expect(await runRecomputeCommand(['--db', path, '--json'], {}, json.sink)).toBe(0);
    expect(JSON.parse(json.out.stdout).projects[0]).toMatchObject({ projectId: 'shop', users: 1, eventsScanned: 0 }); // nothing new since
    const missing = io();
    expect(await runRecomputeCommand(['--db', path, '--project', 'nope'], {}, missing.sink)).toBe(1);
    expect(missing.out.stderr).toContain('no project nope');
  });
});
