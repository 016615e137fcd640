/** GET /openapi.json: the OpenAPI 3.1 document of every route (built once, on first request). */
import type { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import { openApiDocument } from '../openapi/openapi-document.js';
import { ROUTE_DOCS } from '../openapi/route-docs.js';

export function registerOpenApi(app: Hono<AppEnv>, version: string): void {
  let doc: object | undefined;
  app.get('/openapi.json', (c) => c.json((doc ??= openApiDocument(ROUTE_DOCS, { version })), 200, { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache' }));
}
