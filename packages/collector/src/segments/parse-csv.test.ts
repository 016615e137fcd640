import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv.js';

describe('parseCsv', () => {
  it.each([
    ['plain rows, LF', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['CRLF and no final newline', 'a,b\r\n1,2', [['a', 'b'], ['1', '2']]],
    ['quoted comma and escaped quote', 'name,note\n"Doe, J","say ""hi"""\n', [['name', 'note'], ['Doe, J', 'say "hi"']]],
    ['empty fields', 'a,,c\n,,\n', [['a', '', 'c'], ['', '', '']]],
    ['blank lines skipped', 'a\n\n\nb\n', [['a'], ['b']]],
    ['a line break inside quotes', 'a,b\n"x\ny",2\n', [['a', 'b'], ['x\ny', '2']]],
  ])('%s', (_, text, rows) => {
    expect(parseCsv(text).map((r) => r.fields)).toEqual(rows);
  });

  it('reports the line each record starts on', () => {
    expect(parseCsv('h\n"x\ny"\n\nz\n').map((r) => r.line)).toEqual([1, 2, 5]);
  });
});
