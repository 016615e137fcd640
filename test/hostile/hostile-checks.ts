/** What must hold after any hostile request: the answer's shape, the database's rows, the process's memory. */
import { readFileSync } from 'node:fs';
import { wireEventSchema } from '@waymark/core/schema';
import { expect } from 'vitest';
import { integrityCheck, queryEvents } from '../support/collector.js';
import type { RawResponse } from './raw-http.js';

/** Every class's answers, by status, for the summary printed at the end. */
export class Tally {
  private readonly counts = new Map<string, Map<number, number>>();

  add(cls: string, status: number): void {
    const byStatus = this.counts.get(cls) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    this.counts.set(cls, byStatus);
  }

  total(cls: string): number {
    return [...(this.counts.get(cls)?.values() ?? [])].reduce((a, b) => a + b, 0);
  }

  /** One line per class: `class  requests  status×count ...`. */
  render(): string {
    const rows = [...this.counts].map(([cls, by]) => {
      const statuses = [...by].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
      return `${cls.padEnd(22)} ${String(this.total(cls)).padStart(6)}  ${statuses}`;
    });
    return ['class                  requests  answers', ...rows].join('\n');
  }
}

/**
 * A refusal is a 4xx whose JSON body names the reason; nothing is ever a 5xx; no answer carries `secrets`.
 * @param allowed the statuses this case may get (a 200 only where the request is a valid one).
 */
export function expectHandled(res: RawResponse, allowed: readonly number[], secrets: RegExp, label: string): void {
  expect(res.status, `${label}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
  expect(allowed, `${label}: got ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
  expect(res.text, label).not.toMatch(secrets);
  // 404 (no route) and 431 (Node's own limit on the request head, answered before the app) carry no JSON reason.
  if (res.status >= 400 && res.status !== 404 && res.status !== 431) {
    const body = JSON.parse(res.text) as { reason?: unknown };
    expect(typeof body.reason === 'string' && body.reason.length > 0, `${label}: no reason in ${res.text.slice(0, 200)}`).toBe(true);
  }
  if (res.status === 200 && res.headers['content-type']?.toString().startsWith('application/json')) {
    const body = JSON.parse(res.text) as { rejected?: Array<{ reason?: unknown }> };
    for (const r of body.rejected ?? []) expect(typeof r.reason === 'string' && r.reason.length > 0, label).toBe(true);
  }
}

/** `PRAGMA integrity_check` is ok and every stored event passes the collector's own wire schema, columns matching the payload. */
export function expectValidDatabase(dbPath: string): number {
  expect(integrityCheck(dbPath)).toBe('ok');
  const rows = queryEvents(dbPath);
  for (const row of rows) {
    const parsed = wireEventSchema.safeParse(row.payload);
    expect(parsed.success, `stored row ${row.messageId} fails the schema: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    expect(row.payload.messageId).toBe(row.messageId);
    expect(row.payload.type).toBe(row.type);
    expect(row.userId ?? undefined).toBe(row.payload.userId ?? undefined);
    expect(row.anonymousId ?? undefined).toBe(row.payload.anonymousId ?? undefined);
  }
  return rows.length;
}

/** Resident set size of a process, in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) / 1024;
}
