import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.js';

describe('toCsv', () => {
  it('writes RFC 4180 rows: quotes fields with commas, quotes or line breaks, doubles quotes, CRLF endings', () => {
    expect(toCsv(['name', 'count'], [['a,b', 1], ['say "hi"', 2], ['two\nlines', null]])).toBe(
      'name,count\r\n"a,b",1\r\n"say ""hi""",2\r\n"two\nlines",\r\n',
    );
  });

  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['<img src=x>', '<img src=x>'],
  ])('keeps a spreadsheet from running user text %s as a formula', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes numbers as they are, negative ones included', () => {
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(undefined)).toBe('');
  });
});
