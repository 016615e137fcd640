/** The SDK's version, sent as `context.library.version` (kept equal to package.json by version.test.ts). */
export const VERSION = '0.1.0';
