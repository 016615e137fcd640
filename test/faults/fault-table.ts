/** The fault suite's ledger: per scenario, events generated, stored, lost and duplicated, printed and written as a table. */
import { writeFileSync } from 'node:fs';
import type { StoredEventRow } from '../support/collector.js';

export interface FaultRow {
  scenario: string;
  generated: number;
  /** Distinct events stored (by the test's own numbering, `properties.i`). */
  stored: number;
  lost: number;
  /** Rows stored beyond one per generated event (a resend under a new messageId would show here). */
  duplicated: number;
  /** Events the collector acknowledged more than once (resent after an unseen answer, deduped: stored once). */
  resent: number;
  /** Whether the device came back (then the goal is 0 lost, 0 duplicated) or the loss is unavoidable and reported. */
  expectation: 'none lost' | 'loss reported';
  seconds: number;
}

/** Counts `rows` (one scenario's event name) against `generated` events numbered 0..generated-1. */
export function tally(rows: StoredEventRow[], generated: number, acknowledged: Map<string, number>): Pick<FaultRow, 'generated' | 'stored' | 'lost' | 'duplicated' | 'resent'> {
  const numbers = new Set(rows.map((r) => (r.payload.properties as { i?: number } | undefined)?.i));
  const ids = new Set(rows.map((r) => r.messageId));
  const resent = [...ids].filter((id) => (acknowledged.get(id) ?? 0) > 1).length;
  return { generated, stored: numbers.size, lost: generated - numbers.size, duplicated: rows.length - numbers.size, resent };
}

export function renderTable(rows: FaultRow[], header: string): string {
  const lines = [
    header,
    '',
    '| scenario | generated | stored | lost | duplicated | resent (deduped) | goal | s |',
    '|---|---:|---:|---:|---:|---:|---|---:|',
    ...rows.map((r) => `| ${r.scenario} | ${r.generated} | ${r.stored} | ${r.lost} | ${r.duplicated} | ${r.resent} | ${r.expectation} | ${r.seconds.toFixed(1)} |`),
    '',
    `Total: ${rows.reduce((s, r) => s + r.generated, 0)} generated, ${rows.reduce((s, r) => s + r.lost, 0)} lost ` +
      `(${rows.filter((r) => r.expectation === 'loss reported').reduce((s, r) => s + r.lost, 0)} where loss cannot be avoided, reported), ` +
      `${rows.reduce((s, r) => s + r.duplicated, 0)} duplicated.`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Prints the table and writes it to `path`. */
export function publish(rows: FaultRow[], path: string, header: string): void {
  const text = renderTable(rows, header);
  console.log(`\n${text}`);
  writeFileSync(path, text);
}
