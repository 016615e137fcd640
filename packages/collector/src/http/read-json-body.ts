/** Reads a JSON request body with a byte cap (admin routes): never buffers more than `maxBytes`, whatever the client sends. */
import { readBody } from './read-body.js';

export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; reason: string };

/** `readBody` (cap before and after gzip, strict UTF-8), then `JSON.parse`. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBodyResult> {
  const body = await readBody(request, maxBytes);
  if (!body.ok) return body;
  try {
    return { ok: true, value: JSON.parse(body.text) as unknown };
  } catch {
    return { ok: false, status: 400, reason: 'body must be JSON' };
  }
}
