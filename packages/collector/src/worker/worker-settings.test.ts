import { describe, expect, it } from 'vitest';
import type { WorkerEnv } from './worker-env.js';
import { workerSettings } from './worker-settings.js';

const env = (vars: Record<string, unknown>) => ({ WAYMARK_COLLECTOR: {}, ...vars }) as unknown as WorkerEnv;

describe('workerSettings', () => {
  it('reads the CLI\'s variables: the default project\'s keys and settings, rate limits, IP mode', () => {
    const s = workerSettings(env({ WAYMARK_WRITE_KEY: 'wk_1', WAYMARK_SECRET_KEY: 'sk_1', WAYMARK_CORS_ORIGINS: 'https://a.example, https://b.example',
      WAYMARK_IDENTITY_VERIFICATION: '0', WAYMARK_KEY_RPS: '0', WAYMARK_IP_RPS: '50', WAYMARK_IP_MODE: 'truncated', WAYMARK_LOG_LEVEL: 'error' }));
    if (!s.ok) throw new Error(s.reason);
    expect(s.projects).toEqual([{ id: 'default', name: 'Default', writeKey: 'wk_1', secretKey: 'sk_1',
      corsOrigins: ['https://a.example', 'https://b.example'], identityVerification: false }]);
    expect(s.config).toMatchObject({ keyRateLimit: false, ipRateLimit: { ratePerSec: 50, burst: 100 }, ipMode: 'truncated', trustProxy: false });
  });

  it('leaves the project\'s secure defaults alone when nothing is set, and ignores what only the CLI reads', () => {
    const s = workerSettings(env({ WAYMARK_DB: '/nowhere.db', WAYMARK_CONFIG: '/etc/waymark.json', WAYMARK_TRUST_PROXY: '1', WAYMARK_PORT: 'x',
      WAYMARK_REQUEST_TIMEOUT_MS: 'never' }));
    if (!s.ok) throw new Error(s.reason);
    expect(s.projects).toEqual([{ id: 'default', name: 'Default' }]);
    expect(s.config.trustProxy).toBe(false);
  });

  it('names an invalid setting instead of starting', () => {
    expect(workerSettings(env({ WAYMARK_IP_MODE: 'everything' }))).toEqual({ ok: false, reason: '--ip-mode must be none, truncated or hashed' });
  });
});
