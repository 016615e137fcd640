/** Request bodies in the OpenAPI document: the zod schemas ingest and the config route validate with, and two admin bodies. */
import { batchEnvelopeSchema, predicateSchema, projectConfigSchema, wireEventSchema } from '@waymark/core/schema';
import { z } from 'zod';

/** `PATCH /v1/admin/project` (the route checks these fields itself). */
export const projectPatchSchema = z.object({
  name: z.string().max(200).optional(),
  corsOrigins: z.array(z.string().max(300)).optional().describe('Exact origins allowed to call /v1 from a browser; [] = none'),
  identityVerification: z.boolean().optional().describe('false lets anyone with the write key read a user\'s status by user id'),
});

/** `POST /v1/admin/keys/rotate` */
export const keyRotationSchema = z.object({ keys: z.enum(['write', 'secret', 'both']).default('both') });

/** The components of the document, by name. */
export const BODY_SCHEMAS: Record<string, z.ZodType> = {
  WireEvent: wireEventSchema,
  BatchEnvelope: batchEnvelopeSchema,
  ProjectConfig: projectConfigSchema as z.ZodType,
  Predicate: predicateSchema as z.ZodType,
  ProjectPatch: projectPatchSchema,
  KeyRotation: keyRotationSchema,
};
