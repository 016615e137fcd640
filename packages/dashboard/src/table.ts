/** A data table with a "Download CSV" button: the CSV holds the raw values, the table their formatted text. */
import { downloadCsv, toCsv, type Cell } from './csv.js';
import { el } from './dom.js';
import { num } from './format.js';

export interface Column<R> {
  label: string;
  value: (row: R) => Cell;
  /** Text shown in the cell. @default numbers with `num`, the rest as text */
  format?: (row: R) => string;
  /** A `#/…` address the cell links to (e.g. a group's members). */
  href?: (row: R) => string | undefined;
  /** Right-aligned tabular figures. @default true when the first value is a number */
  numeric?: boolean;
}

export interface TableOptions<R> {
  /** File name of the CSV and `data-table` of the element. */
  name: string;
  caption: string;
  columns: Column<R>[];
  rows: readonly R[];
  /** @default 'none yet' */
  empty?: string;
  /** The rows behind a chart: folded away under "Show the numbers" (the CSV button stays in view). @default false */
  collapsed?: boolean;
}

export function dataTable<R>({ name, caption, columns, rows, empty = 'none yet', collapsed = false }: TableOptions<R>): HTMLElement {
  const numeric = columns.map((c) => c.numeric ?? (rows.length > 0 && typeof c.value(rows[0]!) === 'number'));
  const head = el('tr', {}, ...columns.map((c, i) => el('th', { scope: 'col', className: numeric[i] ? 'n' : '' }, c.label)));
  const body = rows.length
    ? rows.map((r) => el('tr', {}, ...columns.map((c, i) => {
      const v = c.value(r);
      const text = c.format ? c.format(r) : typeof v === 'number' ? num(v) : v === null || v === undefined ? '–' : String(v);
      const href = c.href?.(r);
      return el('td', { className: numeric[i] ? 'n' : '' }, href ? el('a', { href }, text) : text);
    })))
    : [el('tr', {}, el('td', { colSpan: columns.length, className: 'empty' }, empty))];
  const download = el('button', {
    type: 'button', className: 'csv', 'aria-label': `Download ${caption} as CSV`,
    onclick: () => downloadCsv(name, toCsv(columns.map((c) => c.label), rows.map((r) => columns.map((c) => c.value(r))))),
  }, 'CSV');
  const table = el('div', { className: 'table-scroll' }, el('table', {}, el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, ...body)));
  return el('div', { className: 'table', 'data-table': name },
    collapsed ? el('details', {}, el('summary', {}, `Show the numbers (${rows.length} rows)`), table) : table,
    el('div', { className: 'table-foot' }, download));
}
