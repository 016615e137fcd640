import type { Server } from 'node:http';
/** The example pages' HTTP server (see examples-server.mjs); not yet listening. */
export declare function createExamplesServer(config: { host: string; writeKey: string }, options?: { sdkDir?: string; secretKey?: string }): Server;
