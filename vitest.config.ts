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

const fromTest = (pkg: string) => fileURLToPath(new URL(`./test/node_modules/${pkg}`, import.meta.url));
const react18 = [
  { find: /^react-dom(\/.*)?$/, replacement: `${fromTest('react-dom')}$1` },
  { find: /^react(\/.*)?$/, replacement: `${fromTest('react')}$1` },
  { find: /^@testing-library\/react$/, replacement: fromTest('@testing-library/react') },
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
          // No unit test asserts speed (benchmarks do); property runs of a few seconds must not fail on a loaded 2-core box.
          testTimeout: 30_000,
        },
      },
      {
        // The React binding's tests again on React 18 (test/ depends on react 18; packages/react on 19).
        resolve: { alias: [...alias, ...react18] },
        test: {
          name: 'unit-react18',
          include: ['packages/react/src/**/*.test.tsx'],
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
