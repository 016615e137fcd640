/** zod schema of the batch envelope; events inside are validated one by one with `wireEventSchema`. */
import { z } from 'zod';
import { LIMITS } from '../wire.js';
import { isoTimeSchema } from './event-schema.js';

/** `{ batch: unknown[], sentAt?, writeKey? }`: the shape only, so that one bad event never fails the batch. */
export const batchEnvelopeSchema = z.looseObject({
  batch: z.array(z.unknown()).max(LIMITS.maxBatchLength, `more than ${LIMITS.maxBatchLength} events`),
  sentAt: isoTimeSchema.nullish(),
  writeKey: z.string().max(LIMITS.maxIdLength).nullish(),
  context: z.unknown().optional(),
});

export type BatchEnvelope = z.infer<typeof batchEnvelopeSchema>;
