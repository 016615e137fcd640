/** Bundles the React example (src/main.tsx → dist/app.js); resolves to the written file's path. `development`: React's development build (StrictMode double mounts). */
export function buildReactExample(options?: { development?: boolean }): Promise<string>;
