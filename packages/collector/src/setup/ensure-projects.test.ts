import { describe, expect, it } from 'vitest';
import { silentLogger, type LogFields } from '../ops/logger.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { ensureProjects } from './ensure-projects.js';

describe('ensureProjects', () => {
  it('creates the default project once, closed: generated keys printed on creation only, no origin, identity verification on', async () => {
    const storage = createMemoryStorage();
    const logged: [string, LogFields][] = [];
    const logger = { ...silentLogger, info: (m: string, f?: LogFields) => void logged.push([m, f ?? {}]) };
    const [created] = await ensureProjects(storage, [{ id: 'default' }], logger);
    expect(created?.writeKey).toMatch(/^wk_/);
    expect(created?.secretKey).toMatch(/^sk_/);
    expect(created?.corsOrigins).toEqual([]);
    expect(created?.identityVerification).toBe(true);
    expect(logged[0]).toEqual(['project created', expect.objectContaining({ writeKey: created?.writeKey, secretKey: created?.secretKey })]);
    // Every start says how to let the site's pages in.
    expect(logged[1]?.[0]).toMatch(/no browser origin allowed/);
    expect(logged[1]?.[1].fix).toMatch(/--cors-origins/);
    const [again] = await ensureProjects(storage, [{ id: 'default' }], logger);
    expect(again?.writeKey).toBe(created?.writeKey);
    expect(logged.filter(([, f]) => f.secretKey !== undefined)).toHaveLength(1);
  });

  it('warns at every start about the settings that open a project: CORS * and identity verification off', async () => {
    const storage = createMemoryStorage();
    const warned: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => void warned.push(m) };
    await ensureProjects(storage, [{ id: 'default', corsOrigins: ['https://app.example'] }], logger);
    expect(warned).toEqual([]);
    await ensureProjects(storage, [{ id: 'default', corsOrigins: ['*'], identityVerification: false }], logger);
    expect(warned).toEqual([expect.stringMatching(/every origin/), expect.stringMatching(/identity verification is off/)]);
  });

  it('applies configured keys and settings to existing projects and creates further projects', async () => {
    const storage = createMemoryStorage();
    await ensureProjects(storage, [{ id: 'default' }], silentLogger);
    const result = await ensureProjects(storage, [
      { id: 'default', writeKey: 'wk_fixed', secretKey: 'sk_fixed', identityVerification: false },
      { id: 'shop', name: 'Shop', corsOrigins: ['https://shop.example'] },
    ], silentLogger);
    expect(result.map((p) => [p.id, p.writeKey === 'wk_fixed', p.identityVerification])).toEqual([['default', true, false], ['shop', false, true]]);
    expect((await storage.findProjectBySecretKey('sk_fixed'))?.id).toBe('default');
    expect((await storage.listProjects()).map((p) => p.id).sort()).toEqual(['default', 'shop']);
  });

  it('uses the project another collector on the same database created while this one started, with this one\'s keys', async () => {
    const storage = createMemoryStorage();
    await storage.createProject({ id: 'default', name: 'default', writeKey: 'wk_other', secretKey: 'sk_same' });
    let stale = true; // the first listing predates the other collector's creation
    const racing = { ...storage, listProjects: async () => (stale ? ((stale = false), []) : storage.listProjects()) };
    const [project] = await ensureProjects(racing, [{ id: 'default', writeKey: 'wk_mine', secretKey: 'sk_same' }], silentLogger);
    expect(project).toMatchObject({ id: 'default', writeKey: 'wk_mine', secretKey: 'sk_same' });
    expect((await storage.findProjectByWriteKey('wk_mine'))?.id).toBe('default');
  });
});
