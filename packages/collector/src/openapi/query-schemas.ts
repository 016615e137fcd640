/** zod schemas of the query strings the routes validate (and that the OpenAPI document describes). */
import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d\d-\d\d$/).describe('A calendar date, YYYY-MM-DD, in the project time zone');

/** `GET /v1/admin/analytics/overview` */
export const overviewQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(90).default(30).describe('Days of daily actives returned'),
  fresh: z.enum(['0', '1']).optional().describe('1: fold the profiles now (wait for a fold newer than 10 s) instead of answering the stored recompute or the last fold'),
});

/** `GET /v1/admin/config/lift` */
export const liftQuerySchema = z.object({
  nudgeId: z.string().optional().describe('One nudge only; default: every configured nudge'),
  goal: z.string().optional().describe('The conversion event both groups can do; default: Nudge Converted (lift null)'),
});

/** `GET /v1/status` */
export const statusQuerySchema = z.object({
  writeKey: z.string().optional().describe('The write key (or HTTP Basic user)'),
  anonymousId: z.string().optional(),
  userId: z.string().optional(),
  userHash: z.string().optional().describe('hex HMAC-SHA256(secret key, userId); required for userId reads when identity verification is on'),
});

/** `GET /v1/config` */
export const configQuerySchema = z.object({ writeKey: z.string().optional().describe('The write key (or HTTP Basic user)') });

/** The population routes (issue 11): described here; each route checks its own parameters. */
export const lifecycleQuerySchema = z.object({ interval: z.enum(['day', 'week', 'month']).default('day'), from: date.optional(), to: date.optional() });
export const retentionQuerySchema = z.object({ interval: z.enum(['week', 'month']).default('week'), event: z.string().optional(), periods: z.coerce.number().int().min(1).max(52).default(12) });
export const transitionsQuerySchema = z.object({ from: date.optional(), to: date.optional() });
export const membersQuerySchema = z.object({ limit: z.coerce.number().int().min(1).default(1000), cursor: z.string().optional() });
