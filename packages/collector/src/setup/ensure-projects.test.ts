import { describe, expect, it } from 'vitest';
import { silentLogger, type LogFields } from '../ops/logger.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { ensureProjects } from './ensure-projects.js';

describe('ensureProjects', () => {
  it('creates the default project once with generated keys, printed on creation only', async () => {
    const storage = createMemoryStorage();
    const logged: LogFields[] = [];
    const logger = { ...silentLogger, info: (_m: string, f?: LogFields) => void logged.push(f ?? {}) };
    const [created] = await ensureProjects(storage, [{ id: 'default' }], logger);
    expect(created?.writeKey).toMatch(/^wk_/);
    expect(created?.secretKey).toMatch(/^sk_/);
    expect(created?.corsOrigins).toEqual(['*']);
    expect(logged[0]).toMatchObject({ writeKey: created?.writeKey, secretKey: created?.secretKey });
    const [again] = await ensureProjects(storage, [{ id: 'default' }], logger);
    expect(again?.writeKey).toBe(created?.writeKey);
    expect(logged).toHaveLength(1);
  });

  it('applies configured keys and settings to existing projects and creates further projects', async () => {
    const storage = createMemoryStorage();
    await ensureProjects(storage, [{ id: 'default' }], silentLogger);
    const result = await ensureProjects(storage, [
      { id: 'default', writeKey: 'wk_fixed', secretKey: 'sk_fixed', identityVerification: true },
      { id: 'shop', name: 'Shop', corsOrigins: ['https://shop.example'] },
    ], silentLogger);
    expect(result.map((p) => [p.id, p.writeKey === 'wk_fixed', p.identityVerification])).toEqual([['default', true, true], ['shop', false, false]]);
    expect((await storage.findProjectBySecretKey('sk_fixed'))?.id).toBe('default');
    expect((await storage.listProjects()).map((p) => p.id).sort()).toEqual(['default', 'shop']);
  });
});
