import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src`, import.meta.url));

// Unit tests import packages from source; end-to-end tests run the built packages (`npm test` builds first).
const alias = [
  { find: /^@waymark\/core\/schema$/, replacement: `${src('core')}/schema/index.ts` },
  { find: /^@waymark\/core$/, replacement: `${src('core')}/index.ts` },
  { find: /^@waymark\/sdk$/, replacement: `${src('sdk')}/index.ts` },
  { find: /^@waymark\/react$/, replacement: `${src('react')}/index.ts` },
];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
