/** Turns a zod error into the one-line reason the collector returns for a rejected event. */
import type { z } from 'zod';

/** The first issue as `path: message`, e.g. `event: track needs an event name`. */
export function issueReason(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
