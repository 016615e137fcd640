import { describe, expect, it } from 'vitest';
import { parseArgs, type ServeOptions } from './parse-args.js';

const noFile = (path: string): string => {
  throw new Error(`no file ${path}`);
};
const serve = (argv: string[], env: Record<string, string> = {}, readFile = noFile): ServeOptions => {
  const r = parseArgs(argv, env, readFile);
  if (r.command !== 'serve') throw new Error(JSON.stringify(r));
  return r.options;
};

describe('parseArgs', () => {
  it('has documented defaults', () => {
    expect(serve(['serve'])).toEqual({
      port: 8787, host: '127.0.0.1', db: './waymark.db', synchronous: 'full', logLevel: 'info', ipMode: 'none', ipSalt: '',
      trustProxy: false, keyRps: 1000, ipRps: 100, requestTimeoutMs: 30_000, projects: [{ id: 'default', name: 'Default' }], recomputeIntervalMin: 60,
      streamRetentionDays: 30,
    });
  });

  it.each([
    ['flags', ['serve', '--port', '9000', '--db=/data/w.db', '--trust-proxy'], {}, { port: 9000, db: '/data/w.db', trustProxy: true }],
    ['recompute interval', ['serve', '--recompute-interval', '0'], { WAYMARK_RECOMPUTE_INTERVAL: '5' }, { recomputeIntervalMin: 0 }],
    ['stream retention', ['serve', '--stream-retention', '7'], { WAYMARK_STREAM_RETENTION_DAYS: '90' }, { streamRetentionDays: 7 }],
    ['stream retention from the environment', ['serve'], { WAYMARK_STREAM_RETENTION_DAYS: '0.5' }, { streamRetentionDays: 0.5 }],
    ['environment variables', ['serve'], { WAYMARK_PORT: '0', WAYMARK_DB: 'x.db', WAYMARK_IP_MODE: 'hashed', WAYMARK_IP_SALT: 's' }, { port: 0, db: 'x.db', ipMode: 'hashed', ipSalt: 's' }],
    ['a flag over its environment variable', ['serve', '--port', '1'], { WAYMARK_PORT: '2' }, { port: 1 }],
    ['a request timeout', ['serve', '--request-timeout', '2000'], {}, { requestTimeoutMs: 2000 }],
    ['a request timeout from the environment', ['serve'], { WAYMARK_REQUEST_TIMEOUT_MS: '1500' }, { requestTimeoutMs: 1500 }],
  ])('reads %s', (_label, argv, env, expected) => {
    expect(serve(argv, env)).toMatchObject(expected);
  });

  it('sets the default project from keys, CORS list and identity verification', () => {
    const o = serve(['serve', '--identity-verification'], { WAYMARK_WRITE_KEY: 'wk_1', WAYMARK_SECRET_KEY: 'sk_1', WAYMARK_CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect(o.projects).toEqual([{ id: 'default', name: 'Default', writeKey: 'wk_1', secretKey: 'sk_1', corsOrigins: ['https://a.example', 'https://b.example'], identityVerification: true }]);
  });

  it('turns identity verification off only when asked: --no-identity-verification or WAYMARK_IDENTITY_VERIFICATION=0', () => {
    expect(serve(['serve'], {}).projects[0]?.identityVerification).toBeUndefined(); // the project's default (on) applies
    expect(serve(['serve', '--no-identity-verification'], {}).projects[0]?.identityVerification).toBe(false);
    expect(serve(['serve'], { WAYMARK_IDENTITY_VERIFICATION: '0' }).projects[0]?.identityVerification).toBe(false);
    expect(serve(['serve', '--identity-verification=false'], {}).projects[0]?.identityVerification).toBe(false);
    // The flag wins over the environment.
    expect(serve(['serve', '--identity-verification'], { WAYMARK_IDENTITY_VERIFICATION: '0' }).projects[0]?.identityVerification).toBe(true);
  });

  it('reads more projects and settings from a config file, below flags and env', () => {
    const file = JSON.stringify({ port: 7000, db: 'file.db', projects: [{ id: 'shop', name: 'Shop', writeKey: 'wk_s', secretKey: 'sk_s', corsOrigins: ['https://shop.example'] }] });
    const o = serve(['serve', '--config', 'w.json'], { WAYMARK_DB: 'env.db' }, () => file);
    expect(o).toMatchObject({ port: 7000, db: 'env.db' });
    expect(o.projects.map((p) => p.id)).toEqual(['default', 'shop']);
  });

  it.each([
    [['serve', '--port', 'abc'], 'non-negative'],
    [['serve', '--ip-mode', 'raw'], 'ip-mode'],
    [['serve', '--nope'], 'unknown option'],
    [['serve', '--db'], 'needs a value'],
    [['launch'], 'unknown command'],
    [['serve', '--config', 'missing.json'], 'cannot read config file'],
    [['serve', '--stream-retention', '0'], '--stream-retention must be above 0'],
  ])('refuses %j with a message', (argv, message) => {
    const r = parseArgs(argv, {}, noFile);
    expect(r.command === 'error' && r.message).toContain(message);
  });

  it('prints help for no command or --help', () => {
    expect(parseArgs([], {}, noFile).command).toBe('help');
    expect(parseArgs(['serve', '--help'], {}, noFile).command).toBe('help');
  });
});
