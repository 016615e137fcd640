import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { COLLECTOR_VERSION } from './version.js';

it('matches package.json', () => {
  expect(COLLECTOR_VERSION).toBe((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version);
});
