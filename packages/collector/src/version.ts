/** The collector's version (package.json's; version.test.ts keeps them equal), shown in /openapi.json. */
export const COLLECTOR_VERSION = '0.1.0';
