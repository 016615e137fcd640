/** Assembles the OpenAPI 3.1 document from the route docs and zod's own JSON Schema output (`z.toJSONSchema`). */
import { z } from 'zod';
import { BODY_SCHEMAS } from './body-schemas.js';
import type { RouteDoc } from './route-docs.js';

type Json = Record<string, unknown>;

const SHARED = '#/components/schemas/__shared#/$defs/';

/** zod's multi-schema output, made OpenAPI-shaped: no `$schema`/`$id`, shared definitions hoisted into components. */
export function componentSchemas(schemas: Record<string, z.ZodType>): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` });
  const { __shared, ...named } = out.schemas as Record<string, Json>;
  const all: Record<string, Json> = { ...named };
  for (const [id, def] of Object.entries((__shared?.$defs ?? {}) as Record<string, Json>)) all[`Shared_${id}`] = def;
  const text = JSON.stringify(all, (key, value: unknown) => (key === '$schema' || key === '$id' ? undefined : value)).split(SHARED).join('#/components/schemas/Shared_');
  return JSON.parse(text) as Record<string, Json>;
}

/** A query schema as OpenAPI parameters (one per property). */
function queryParameters(query: z.ZodObject): Json[] {
  const schema = z.toJSONSchema(query, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: 'query', required: schema.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) };
  });
}

const SECURITY = { write: [{ writeKey: [] }, { writeKeyBody: [] }], secret: [{ secretKey: [] }], none: [] };

export function openApiDocument(docs: readonly RouteDoc[], info: { version: string }): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const d of docs) {
    const path = d.path.replace(/:(\w+)/g, '{$1}');
    const pathParams = [...d.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const parameters = [...pathParams, ...(d.query ? queryParameters(d.query) : [])];
    // 200 answers in the route's type; errors as `{ error, reason }`; 204 and 304 have no body.
    const responses = Object.fromEntries(Object.entries(d.responses).map(([code, description]) => {
      if (code === '200') return [code, { description, content: { [d.produces ?? 'application/json']: { schema: {} } } }];
      if (Number(code) >= 400) return [code, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }];
      return [code, { description }];
    }));
    (paths[path] ??= {})[d.method] = {
      tags: [d.tag],
      summary: d.summary,
      ...(d.description ? { description: d.description } : {}),
      operationId: `${d.method}${path.replace(/[{}]/g, '').split(/[/.-]/).map((p) => (p ? p[0]!.toUpperCase() + p.slice(1) : '')).join('')}`,
      security: SECURITY[d.auth],
      ...(parameters.length ? { parameters } : {}),
      ...(d.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${d.body}` } }, ...(d.tag === 'ingest' ? { 'text/plain': { schema: { $ref: `#/components/schemas/${d.body}` } } } : {}) } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Waymark collector', version: info.version, description: 'Ingest (Segment-compatible), status, config, admin and analytics routes of the Waymark collector.' },
    paths,
    components: {
      schemas: {
        ...componentSchemas(BODY_SCHEMAS),
        Error: { type: 'object', properties: { error: { type: 'string' }, reason: { type: 'string', description: 'Why, in words' } }, required: ['error', 'reason'] },
      },
      securitySchemes: {
        writeKey: { type: 'http', scheme: 'basic', description: 'The public write key as the user name (Segment convention); ingest, status and config only' },
        writeKeyBody: { type: 'apiKey', in: 'query', name: 'writeKey', description: 'The write key in the query (GET) or as `writeKey` in a batch body (sendBeacon)' },
        secretKey: { type: 'http', scheme: 'bearer', description: 'The project\'s secret key (HTTP Basic user also accepted); admin and analytics routes' },
      },
    },
  };
}
